import type { Role } from '@weibao/domain';
import type { Db } from '@weibao/store';

/** Time is a port so tests and the rules never read the machine's clock directly. */
export interface Clock {
  now(): Date;
}

export interface Ids {
  /** A ULID: sortable by creation time. */
  next(): string;
}

/** Who acts, from the verified token; hospitalId is null for vendor staff. */
export interface Actor {
  sub: string;
  email: string | null;
  role: Role;
  hospitalId: string | null;
}

export interface Deps {
  db: Db;
  clock: Clock;
  ids: Ids;
}

/** One SLA point a ticket needs a timer for. */
export interface SlaTimerPoint {
  clock: 'response' | 'on-site' | 'resolution';
  point: 'at-risk' | 'breach';
  /** ISO instant, UTC. */
  at: string;
}

/**
 * One-time timers per ticket (EventBridge Scheduler `at()` schedules on AWS, the local stand-in
 * otherwise). `replace` makes the ticket's timers exactly `points`: it creates what is missing,
 * deletes what is no longer wanted, and is safe to repeat.
 */
export interface SlaTimers {
  replace(ticket: { hospitalId: string; ticketId: string }, points: SlaTimerPoint[]): Promise<void>;
}

/** Outgoing mail (SES). Text first in Chinese, English below; html optional. */
export interface Mailer {
  send(message: {
    to: string[];
    cc?: string[];
    subject: string;
    text: string;
    html?: string;
    /** Threading: our Message-ID for replies, and what it answers. */
    headers?: Record<string, string>;
  }): Promise<{ messageId: string }>;
}
