import { describe, expect, it } from 'vitest';
import { calendarQuarterOf, lastYear, quarterToDate, shanghaiDate } from './quarters.ts';

describe('quarters in Asia/Shanghai', () => {
  it('puts 16:00 UTC on the last day of March into the second quarter, as Shanghai already lives on 1 April', () => {
    expect(shanghaiDate(Date.parse('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
    expect(calendarQuarterOf('2026-03-31T15:59:59Z')).toBe('2026Q1');
    expect(calendarQuarterOf('2026-03-31T16:00:00Z')).toBe('2026Q2');
    expect(calendarQuarterOf('2026-12-31T23:00:00Z')).toBe('2027Q1');
  });

  it('gives this quarter to date and the year back for the summary', () => {
    const now = Date.parse('2026-05-20T02:00:00Z');
    expect(quarterToDate(now)).toEqual({ from: '2026-04-01', to: '2026-05-20' });
    expect(quarterToDate(Date.parse('2026-12-31T17:00:00Z'))).toEqual({
      from: '2027-01-01',
      to: '2027-01-01',
    });
    expect(lastYear(now)).toEqual({ from: '2025-05-20', to: '2026-05-20' });
    expect(lastYear(Date.parse('2028-02-29T04:00:00Z')).from).toBe('2027-02-28');
  });
});
