import { describe, expect, it } from 'vitest';
import {
  atRiskFrom,
  clockStateAt,
  formatCountdown,
  marginAt,
  nextDeadlineAt,
  worstState,
} from './countdown.ts';

const reported = '2026-03-02T01:00:00.000Z';
const due = '2026-03-02T02:00:00.000Z';
const at = (iso: string) => Date.parse(iso);

describe('SLA countdowns as the engineer reads them', () => {
  it('shows time left as hh:mm:ss, days when more than a day, a minus when late', () => {
    expect(formatCountdown(3_600_000)).toBe('01:00:00');
    expect(formatCountdown(65_000)).toBe('00:01:05');
    expect(formatCountdown(400)).toBe('00:00:01');
    expect(formatCountdown(0)).toBe('00:00:00');
    expect(formatCountdown(-61_000)).toBe('-00:01:01');
    expect(formatCountdown(-400)).toBe('-00:00:00');
    expect(formatCountdown(2 * 86_400_000 + 3 * 3_600_000)).toBe('2天 03:00:00');
    expect(formatCountdown(86_400_000, 'd')).toBe('1d 00:00:00');
  });

  it('turns a one-hour response clock at risk after 48 minutes and breached the first moment after the hour', () => {
    const clock = { startedAt: reported, deadline: due, completedAt: null };
    expect(atRiskFrom(at(reported), at(due))).toBe(at('2026-03-02T01:48:00.000Z'));
    expect(clockStateAt(clock, at('2026-03-02T01:47:59.999Z'))).toBe('pending');
    expect(clockStateAt(clock, at('2026-03-02T01:48:00.000Z'))).toBe('at-risk');
    expect(clockStateAt(clock, at(due))).toBe('at-risk');
    expect(clockStateAt(clock, at(due) + 1)).toBe('breached');
  });

  it('keeps a completed clock met or breached whatever the time now, and stops its countdown', () => {
    const met = { startedAt: reported, deadline: due, completedAt: '2026-03-02T01:30:00.000Z' };
    const late = { startedAt: reported, deadline: due, completedAt: '2026-03-02T02:00:01.000Z' };
    expect(clockStateAt(met, at('2026-03-09T00:00:00.000Z'))).toBe('met');
    expect(clockStateAt(late, at(reported))).toBe('breached');
    expect(marginAt(met, at('2026-03-09T00:00:00.000Z'))).toBe(30 * 60_000);
    expect(marginAt(late, 0)).toBe(-1000);
  });

  it('uses the API’s at-risk instant when it gives one, and has no countdown without a deadline', () => {
    const clock = {
      startedAt: reported,
      deadline: due,
      atRiskFrom: '2026-03-02T01:10:00.000Z',
      completedAt: null,
    };
    expect(clockStateAt(clock, at('2026-03-02T01:10:00.000Z'))).toBe('at-risk');
    const open = { startedAt: reported, deadline: null, completedAt: null };
    expect(clockStateAt(open, 0)).toBe('pending');
    expect(marginAt(open, 0)).toBeNull();
  });

  it('colours a row by its worst clock', () => {
    expect(worstState(['met', 'at-risk', 'pending'])).toBe('at-risk');
    expect(worstState(['met', 'breached'])).toBe('breached');
    expect(worstState([])).toBe('met');
  });
});

describe('the next deadline as the page ticks on between answers', () => {
  const serious = [
    { kind: 'deduction' as const, deadline: '2026-03-02T02:00:00.000Z', completedAt: null },
    { kind: 'sla' as const, deadline: '2026-03-02T03:00:00.000Z', completedAt: null },
    { kind: 'sla' as const, deadline: '2026-03-02T05:00:00.000Z', completedAt: null },
  ];

  it('moves from the 60-minute deduction to the 2-hour response target once the deduction has passed', () => {
    expect(nextDeadlineAt(serious, at('2026-03-02T02:00:00.000Z'))).toBe(serious[0]);
    expect(nextDeadlineAt(serious, at('2026-03-02T02:00:00.001Z'))).toBe(serious[1]);
  });

  it('keeps a passed response target as next while it is unanswered', () => {
    expect(nextDeadlineAt(serious, at('2026-03-02T03:30:00.000Z'))).toBe(serious[1]);
  });
});
