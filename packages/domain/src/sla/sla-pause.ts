import { toEpochMs, type Instant } from '../time/instant.ts';
import type { SlaEvent } from './ticket-events.ts';

/**
 * One stretch of 暂停计时 on a ticket: from the engineer's pause to the resume (by the engineer,
 * or the hospital's objection); `toMs` null while it lasts. Only contracts that opt in
 * (`slaPause.allowed`) ever have one; the seed contract never pauses.
 */
export interface PauseInterval {
  fromMs: number;
  toMs: number | null;
  /** The hospital objected (异议): the pause ended then, and the ledger says so. */
  objected: boolean;
}

/**
 * The pauses of a ticket from its SLA events, in time order; a second pause while paused is no new
 * one, and a resolution ends a pause still running.
 */
export function pauseIntervalsOf(events: readonly SlaEvent[]): PauseInterval[] {
  const sorted = events
    .map((e, i) => ({ e, ms: toEpochMs(e.at), i }))
    .sort((a, b) => a.ms - b.ms || a.i - b.i);
  const out: PauseInterval[] = [];
  let open: PauseInterval | null = null;
  for (const { e, ms } of sorted) {
    if (e.kind === 'paused' && open === null) {
      open = { fromMs: ms, toMs: null, objected: false };
      out.push(open);
    } else if ((e.kind === 'resumed' || e.kind === 'resolved') && open !== null) {
      // A resolution ends a pause left running: the clocks have stopped.
      open.toMs = ms;
      open.objected = e.kind === 'resumed' && e.objected === true;
      open = null;
    }
  }
  return out;
}

export interface PausedDue {
  /** The last instant still on time. */
  dueMs: number;
  /** How much paused time moved it (0 without a pause). */
  pausedMs: number;
  /** A pause that counts is still running: the deadline keeps moving, no breach falls due. */
  paused: boolean;
}

/**
 * When a clock that starts at `startMs` and owes `budgetMs` of running time falls due, given
 * the ticket's pauses: each pause that began while the clock was running and not yet due moves
 * the deadline by its length. A pause that began after the clock stopped (`stopMs`) or after it
 * was already due changes nothing; a pause still running counts up to `atMs`. Without a pause it is
 * `startMs + budgetMs` exactly, and a pause never makes a deadline earlier.
 */
export function dueAfterPauses(
  startMs: number,
  budgetMs: number,
  pauses: readonly PauseInterval[],
  stopMs: number | null,
  atMs: number,
): PausedDue {
  let dueMs = startMs + budgetMs;
  let pausedMs = 0;
  let paused = false;
  for (const p of [...pauses].sort((a, b) => a.fromMs - b.fromMs)) {
    const fromMs = Math.max(p.fromMs, startMs);
    if (fromMs > dueMs) break;
    if (stopMs !== null && fromMs >= stopMs) break;
    if (fromMs > atMs) break;
    const endMs = Math.min(p.toMs ?? atMs, stopMs ?? Infinity, atMs);
    if (p.toMs === null && (stopMs === null || stopMs > atMs)) paused = true;
    if (endMs <= fromMs) continue;
    dueMs += endMs - fromMs;
    pausedMs += endMs - fromMs;
  }
  return { dueMs, pausedMs, paused };
}

/** 1小时20分, 45分, 2小时: paused time as the ledger and the report write it (whole minutes, rounded down). */
export function pausedTimeZh(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}分`;
  return m === 0 ? `${h}小时` : `${h}小时${m}分`;
}

/** Pauses as of `at`: only what had happened by then, a pause resumed later still running. */
export function pausesAsOf(pauses: readonly PauseInterval[], at: Instant): PauseInterval[] {
  const atMs = toEpochMs(at);
  return pauses
    .filter((p) => p.fromMs <= atMs)
    .map((p) => (p.toMs !== null && p.toMs > atMs ? { ...p, toMs: null, objected: false } : p));
}
