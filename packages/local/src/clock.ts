import { LocalStackError } from './preflight.ts';

/** `WEIBAO_CLOCK_START=2026-12-04T00:59:30Z npm start`: the stack's clock starts at that instant. */
export const clockStartVariable = 'WEIBAO_CLOCK_START';

/** The time the handlers and the Scheduler stand-in see: the machine's, moved by one offset. */
export interface LocalClock {
  /** Added to the machine's clock; 0 unless a start was given. */
  offsetMs: number;
  /** Epoch milliseconds. */
  now(): number;
}

/**
 * A clock that starts at `start` (an ISO instant) and runs at real speed, or the machine's clock
 * without one. It lets a person or a test run the stack at a chosen hour, e.g. just before the
 * 09:00 Shanghai reminders, while DynamoDB Local, S3 and SES keep real time.
 */
export function localClock(start: string | undefined, realNowMs = Date.now()): LocalClock {
  if (start === undefined || start === '') return { offsetMs: 0, now: () => Date.now() };
  const startMs = /^\d{4}-\d{2}-\d{2}T/.test(start) ? Date.parse(start) : Number.NaN;
  if (Number.isNaN(startMs)) {
    throw new LocalStackError(
      `${clockStartVariable} must be an ISO instant such as 2026-12-04T00:59:30Z, not "${start}"`,
    );
  }
  const offsetMs = startMs - realNowMs;
  return { offsetMs, now: () => Date.now() + offsetMs };
}
