/** The SLA states the API uses; the web app ticks them on between answers. */
export type ClockState = 'pending' | 'at-risk' | 'met' | 'breached';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

/**
 * Time left (or late by, with a leading minus) as people read a countdown: 01:05:09, 2天 03:00:00.
 * Whole seconds, rounded towards the deadline's side so 0.4 s left reads 00:00:01, not 00:00:00.
 */
export function formatCountdown(ms: number, dayUnit = '天'): string {
  const late = ms < 0;
  const abs = Math.abs(ms);
  const total = late ? Math.floor(abs / second) : Math.ceil(abs / second);
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(h)}:${pad(m)}:${pad(s)}`;
  return `${late ? '-' : ''}${d > 0 ? `${d}${dayUnit} ` : ''}${clock}`;
}

/** At risk from 80% of the clock's time, as the API's rule (packages/domain sla-clocks) says. */
export function atRiskFrom(startMs: number, deadlineMs: number): number {
  return startMs + Math.ceil(((deadlineMs - startMs) * 4) / 5);
}

export interface ClockFacts {
  startedAt: string;
  deadline: string | null;
  atRiskFrom?: string | null;
  completedAt: string | null;
}

/** A clock's state at `nowMs`: what the API said, moved on by the time that has passed since. */
export function clockStateAt(clock: ClockFacts, nowMs: number): ClockState {
  if (clock.deadline === null) return clock.completedAt === null ? 'pending' : 'met';
  const deadlineMs = Date.parse(clock.deadline);
  if (clock.completedAt !== null)
    return Date.parse(clock.completedAt) <= deadlineMs ? 'met' : 'breached';
  if (nowMs > deadlineMs) return 'breached';
  const risk = clock.atRiskFrom
    ? Date.parse(clock.atRiskFrom)
    : atRiskFrom(Date.parse(clock.startedAt), deadlineMs);
  return nowMs >= risk ? 'at-risk' : 'pending';
}

/** Milliseconds left before the deadline at `nowMs` (negative: late by); null without a deadline. */
export function marginAt(clock: ClockFacts, nowMs: number): number | null {
  if (clock.deadline === null) return null;
  const end = clock.completedAt === null ? nowMs : Date.parse(clock.completedAt);
  return Date.parse(clock.deadline) - end;
}

/** The worst of several states: what a row in the queue is coloured by. */
export function worstState(states: readonly ClockState[]): ClockState {
  const order: ClockState[] = ['breached', 'at-risk', 'pending', 'met'];
  return order.find((s) => states.includes(s)) ?? 'met';
}

export const hourMs = hour;
export const dayMs = day;

export interface DeadlineFacts {
  kind: 'sla' | 'deduction';
  deadline: string;
  completedAt: string | null;
  /** 暂停计时 is running: the deadline moves with it. */
  paused?: boolean;
}

/**
 * The next deadline at `nowMs`, as the API's rule (packages/domain ticket-deadlines) says: the
 * earliest still open. A deduction once passed is booked and drops out; an SLA target once passed
 * stays (late, still owed) until its clock stops. The API's list is earliest first.
 */
export function nextDeadlineAt<D extends DeadlineFacts>(
  deadlines: readonly D[],
  nowMs: number,
): D | null {
  return (
    deadlines.find(
      (d) =>
        d.completedAt === null &&
        // A paused deadline moves with the pause: it is no one's next until the clock resumes.
        d.paused !== true &&
        !(d.kind === 'deduction' && nowMs > Date.parse(d.deadline)),
    ) ?? null
  );
}
