import { localClockOffset } from '@weibao/usecases';
import { LocalStackError } from './preflight.ts';

/** `WEIBAO_CLOCK_START=2026-12-04T00:59:30Z npm start`: the stack's clock starts at that instant. */
export const clockStartVariable = 'WEIBAO_CLOCK_START';

/** The longest step the training clock takes at once: a contract year and a bit. */
export const maxClockStepMs = 400 * 24 * 3_600_000;

/** Why the training clock refused a move, in Chinese for the person who asked. */
export class ClockMoveError extends Error {
  constructor(
    message: string,
    readonly field: 'advanceMinutes' | 'at',
  ) {
    super(message);
    this.name = 'ClockMoveError';
  }
}

/** The time the handlers, the Scheduler stand-in and the SMTP intake see: the machine's, moved by one offset. */
export interface LocalClock {
  /** Added to the machine's clock; 0 unless a start was given or the clock was moved. */
  readonly offsetMs: number;
  /** Epoch milliseconds. */
  now(): number;
  /**
   * The training clock: moves the stack's time forward by `ms`, at once for the handlers, the
   * Scheduler stand-in (which then fires what has come due) and the SMTP intake's receipt time.
   */
  advance(ms: number): void;
  /** Moves the stack's time forward to `atMs` (epoch ms); never back. */
  setTo(atMs: number): void;
}

/**
 * A clock that starts at `start` (an ISO instant) and runs at real speed, or the machine's clock
 * without one. It lets a person or a test run the stack at a chosen hour, e.g. just before the
 * 08:30–09:30 Shanghai reminder window, while DynamoDB Local, S3 and SES keep real time. A trainer moves it on
 * (`POST /local/clock`) to show a breach, its escalation and its deduction in a minute. It only
 * goes forward: tickets, timers and the audit log are ordered by time, and an hour lived twice
 * would write events before ones already stored.
 */
export function localClock(start: string | undefined, realNowMs = Date.now()): LocalClock {
  let offsetMs = 0;
  if (start !== undefined && start !== '') {
    const startMs = /^\d{4}-\d{2}-\d{2}T/.test(start) ? Date.parse(start) : Number.NaN;
    if (Number.isNaN(startMs)) {
      throw new LocalStackError(
        `${clockStartVariable} must be an ISO instant such as 2026-12-04T00:59:30Z, not "${start}"`,
      );
    }
    offsetMs = startMs - realNowMs;
  }
  const now = () => Date.now() + offsetMs;
  const advance = (ms: number, field: 'advanceMinutes' | 'at') => {
    if (!Number.isFinite(ms) || ms <= 0)
      throw new ClockMoveError('训练时钟只能向前拨：请给出晚于当前时间的时刻或正的分钟数。', field);
    if (ms > maxClockStepMs) throw new ClockMoveError('一次最多向前拨 400 天。', field);
    offsetMs += Math.round(ms);
  };
  return {
    get offsetMs() {
      return offsetMs;
    },
    now,
    advance: (ms) => advance(ms, 'advanceMinutes'),
    setTo: (atMs) => advance(atMs - now(), 'at'),
  };
}

/**
 * Makes the handlers' clock (systemClock of @weibao/adapters) follow `clock`: the offset lives on
 * globalThis, which only this process's stack sets; no variable of a deployed function can move
 * time on AWS. Returns the undo.
 */
export function installHandlerClock(clock: LocalClock): () => void {
  const global = globalThis as Record<symbol, unknown>;
  const before = Object.getOwnPropertyDescriptor(global, localClockOffset);
  Object.defineProperty(global, localClockOffset, {
    configurable: true,
    get: () => clock.offsetMs,
  });
  return () => {
    if (before) Object.defineProperty(global, localClockOffset, before);
    else delete global[localClockOffset];
  };
}
