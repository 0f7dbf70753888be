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
  if (timer === null) {
    now = read();
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

/** Follows the server's clock from now on (the local training clock); every countdown updates at once. */
export function followServerClock(serverNowMs: number): void {
  offsetMs = serverNowMs - Date.now();
  now = read();
  for (const l of listeners) l();
}
