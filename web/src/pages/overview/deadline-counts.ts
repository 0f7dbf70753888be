import { clockStateAt, type ClockState } from '../../sla/countdown.ts';

/** What the overview needs of a queued ticket to tell its state. */
export interface QueuedDeadline {
  reportedAt: string;
  nextDeadline: string | null;
}

/** A count read from one page: exact, or at least `count` when more may lie past the page. */
export interface PageCount {
  count: number;
  atLeast: boolean;
}

/** A queued ticket's state at `nowMs`, by its next deadline (none: nothing is owed). */
export function queuedStateAt(ticket: QueuedDeadline, nowMs: number): ClockState {
  return ticket.nextDeadline === null
    ? 'met'
    : clockStateAt(
        { startedAt: ticket.reportedAt, deadline: ticket.nextDeadline, completedAt: null },
        nowMs,
      );
}

/**
 * 已超时 and 临近超时 from the first page of the vendor's queue, nearest deadline first, without
 * reading the rest of it. Breached is exact unless the page is full and its last ticket is still
 * breached: every later ticket's deadline is no earlier, so once one on the page is not yet due, none
 * after it is. At risk (from 80% of a clock's time) does not follow the deadline's order: a long
 * clock well past 80% can be due later than a short one just started, so with more pages after this
 * one the page's count is only a lower bound.
 */
export function deadlineCountsAt(
  page: { items: readonly QueuedDeadline[]; next: string | null },
  nowMs: number,
): { breached: PageCount; atRisk: PageCount } {
  const states = page.items.map((tk) => queuedStateAt(tk, nowMs));
  const more = page.next !== null;
  const last = states.at(-1);
  return {
    breached: {
      count: states.filter((s) => s === 'breached').length,
      atLeast: more && last === 'breached',
    },
    atRisk: { count: states.filter((s) => s === 'at-risk').length, atLeast: more },
  };
}
