import { useSyncExternalStore } from 'react';

// How far the server's clock runs ahead of this browser's: 0 except on the local stack's training
// clock, whose strip sets it so that every countdown shows what the server will decide.
let offsetMs = 0;
const read = () => Date.now() + offsetMs;

// One interval for the whole page: every countdown ticks on the same second.
let now = read();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void) {
  listeners.add(listener);
  // A countdown that appears reads the time afresh, not the last tick's (up to a second old while
  // the training clock's strip keeps the interval running), and the others move with it.
  now = read();
  for (const l of listeners) if (l !== listener) l();
  if (timer === null) {
    timer = setInterval(() => {
      now = read();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The current time in ms, re-rendering each second while the component is mounted. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}

/**
 * Follows the local stack's clock from now on: `ms` ahead of this machine's, which is the stack's
 * own (it listens on loopback only), so the offset is exact, with no round trip to estimate.
 */
export function followServerClock(ms: number): void {
  offsetMs = ms;
  now = read();
  for (const l of listeners) l();
}
