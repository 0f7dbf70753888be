import { describe, expect, it } from 'vitest';
import { deadlineCountsAt, type QueuedDeadline } from './deadline-counts.ts';

const now = Date.parse('2026-12-06T04:00:00Z');
const min = 60_000;
const at = (ms: number) => new Date(ms).toISOString();

/** Reported `age` minutes ago, due `left` minutes from now (negative: late by). */
function ticket(age: number, left: number): QueuedDeadline {
  return { reportedAt: at(now - age * min), nextDeadline: at(now + left * min) };
}
const breached = ticket(120, -10);
// 4 h clock, 3.5 h gone: past 80%
const atRisk = ticket(210, 30);
// 4 h clock, 1 h gone
const pending = ticket(60, 180);
const noDeadline: QueuedDeadline = { reportedAt: at(now - 10 * min), nextDeadline: null };

describe('the overview’s 已超时 and 临近超时 from one page of the queue', () => {
  it('counts exactly when the page is the whole queue', () => {
    const counts = deadlineCountsAt(
      { items: [breached, breached, atRisk, pending, noDeadline], next: null },
      now,
    );
    expect(counts).toEqual({
      breached: { count: 2, atLeast: false },
      atRisk: { count: 1, atLeast: false },
    });
  });

  it('says “at least” for breached when a full page ends still breached, and not once it ends on a ticket not yet due', () => {
    const allLate = deadlineCountsAt({ items: [breached, breached, breached], next: 'c' }, now);
    expect(allLate.breached).toEqual({ count: 3, atLeast: true });
    const endsDue = deadlineCountsAt({ items: [breached, atRisk, pending], next: 'c' }, now);
    expect(endsDue.breached).toEqual({ count: 1, atLeast: false });
  });

  it('keeps at risk a lower bound while pages follow: a long clock past 80% can be due after a short one', () => {
    // A 30-day clock 27 days gone is at risk yet due three days after the 4 h ticket ending the page
    const longClock = ticket(27 * 24 * 60, 3 * 24 * 60);
    expect(deadlineCountsAt({ items: [pending, longClock], next: null }, now).atRisk).toEqual({
      count: 1,
      atLeast: false,
    });
    expect(deadlineCountsAt({ items: [breached, pending], next: 'c' }, now).atRisk).toEqual({
      count: 0,
      atLeast: true,
    });
  });

  it('moves a ticket on to breached as the clock passes its deadline between refreshes', () => {
    const page = { items: [atRisk], next: null };
    expect(deadlineCountsAt(page, now).breached.count).toBe(0);
    expect(deadlineCountsAt(page, now + 31 * min).breached.count).toBe(1);
  });
});
