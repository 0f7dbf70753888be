import { describe, expect, it } from 'vitest';
import { chinaCalendar } from '../calendar/working-day-calendar.ts';
import { objectionUntil, obligationState, proofObjectionWorkingDays } from './obligation-state.ts';

const dated = { dueOn: '2026-04-08', nominalDueOn: '2026-04-08', calendarGap: null };

describe('the hospital side’s answer to the vendor’s proof', () => {
  it('awaits the hospital through the last day of the objection window, then counts as done', () => {
    // Prepare: proof submitted on Thursday 2026-04-02; window of 5 working days
    const pending = { status: 'pending' as const, objectionUntil: '2026-04-10' };
    // Act / Assess: awaiting even after the due date passed, done the day after the window
    expect(obligationState(dated, '2026-04-02', '2026-04-02', pending)).toBe('awaiting');
    expect(obligationState(dated, '2026-04-02', '2026-04-10', pending)).toBe('awaiting');
    expect(obligationState(dated, '2026-04-02', '2026-04-11', pending)).toBe('done');
    // Confirmed: done at once
    expect(
      obligationState(dated, '2026-04-02', '2026-04-03', { ...pending, status: 'confirmed' }),
    ).toBe('done');
  });

  it('re-opens on an objection: open before the due date, overdue after it', () => {
    const objected = { status: 'objected' as const, objectionUntil: '2026-04-10' };
    expect(obligationState(dated, null, '2026-04-07', objected)).toBe('open');
    expect(obligationState(dated, null, '2026-04-09', objected)).toBe('overdue');
  });

  it('counts the window in working days: over 国庆 2026 it skips the holiday and counts the made-up Saturday', () => {
    expect(proofObjectionWorkingDays).toBe(5);
    // Monday 2026-04-13 + 5 working days = Monday 2026-04-20 (the weekend is not counted)
    expect(objectionUntil(chinaCalendar, '2026-04-13')).toBe('2026-04-20');
    // Wednesday 2026-09-30: 10-01..10-07 off, Thursday 10-08, Friday 10-09, Saturday 10-10 (made
    // up), Monday 10-12, Tuesday 10-13
    expect(objectionUntil(chinaCalendar, '2026-09-30')).toBe('2026-10-13');
  });

  it('falls back to Monday to Friday in a year whose holidays nobody has published', () => {
    // 2099-01-01 is a Thursday
    expect(objectionUntil(chinaCalendar, '2099-01-01')).toBe('2099-01-08');
  });
});
