import chineseDays from 'chinese-days';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import { CalendarYearNotPublishedError } from './calendar-errors.ts';
import type { VendorCalendarYear } from './vendor-calendar-year.ts';
import {
  calendarForContract,
  chinaCalendar,
  makeWorkingDayCalendar,
} from './working-day-calendar.ts';

/** Test data for a far year nobody will publish soon; not a real State Council notice. */
const fixture2098: VendorCalendarYear = {
  year: 2098,
  notice: 'test fixture',
  holidays: [
    { date: '2098-10-01', name: '国庆节' },
    { date: '2098-10-02', name: '国庆节' },
  ],
  makeUpWorkdays: [{ date: '2098-09-27', name: '国庆节' }],
};

/** Days of 2004–2026 far enough from the edges that ±60 working days stay inside. */
const publishedDay = fc
  .integer({ min: 0, max: daysIn(2004, 2026) - 400 })
  .map((n) => addDays('2004-07-01', n));

function daysIn(from: number, to: number): number {
  return (Date.UTC(to + 1, 0, 1) - Date.UTC(from, 0, 1)) / 86_400_000;
}

describe('the statutory working-day calendar (工作日, 调休)', () => {
  it('counts a 调休 Saturday as a working day and a Golden Week weekday as a day off', () => {
    // Prepare: 2026 国庆 runs 10-01..10-07, made up on Sunday 09-20 and Saturday 10-10.
    // Act
    const days = ['2026-09-20', '2026-10-05', '2026-10-10', '2026-10-11'].map((d) =>
      chinaCalendar.dayInfo(d),
    );
    // Assess
    expect(days.map((d) => [d.date, d.working, d.source])).toEqual([
      ['2026-09-20', true, 'chinese-days'],
      ['2026-10-05', false, 'chinese-days'],
      ['2026-10-10', true, 'chinese-days'],
      ['2026-10-11', false, 'weekday'],
    ]);
    expect(days[1]?.name).toBe('国庆节');
  });

  it('agrees with chinese-days itself on every day of every year it publishes', () => {
    // Prepare
    const years = chinaCalendar.publishedYears();
    const disagreements: string[] = [];
    // Act
    for (let day = `${years[0]}-01-01`; day <= `${years.at(-1)}-12-31`; day = addDays(day, 1)) {
      if (chinaCalendar.isWorkingDay(day) !== chineseDays.isWorkday(day)) disagreements.push(day);
    }
    // Assess
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBe(2026);
    expect(disagreements).toEqual([]);
  });

  it('adds 10 working days to an invoice received the day before 国庆 and lands after the holiday, counting the 调休 Saturday', () => {
    // Prepare: Wed 2026-09-30; 10-01..10-07 off; 10-08, 10-09, 10-10 (调休), then from 10-12.
    // Act
    const due = chinaCalendar.addWorkingDays('2026-09-30', 10);
    // Assess
    expect(due).toBe('2026-10-20');
    expect(chinaCalendar.workingDaysBetween('2026-09-30', due)).toBe(10);
  });

  it('refuses a date in a year without published holidays, naming the year and where to add it', () => {
    // Act
    const act = () => chinaCalendar.isWorkingDay('2099-03-02');
    // Assess
    expect(act).toThrow(CalendarYearNotPublishedError);
    expect(act).toThrow(/2099.*vendor-additions\.ts/);
    expect(act).toThrow(/chinese-days 1\.5\.7 covers 2004–2026/);
  });

  it('takes a newly published year from the vendor additions before the package has it', () => {
    // Prepare
    const calendar = makeWorkingDayCalendar({ vendorAdditions: [fixture2098] });
    // Act
    const listing = calendar.yearListing(2098);
    // Assess
    expect(calendar.isWorkingDay('2098-09-27')).toBe(true);
    expect(calendar.isWorkingDay('2098-10-01')).toBe(false);
    expect(listing.publishedBy).toEqual({ source: 'vendor-addition', reference: 'test fixture' });
    expect(listing.holidays.map((d) => d.source)).toEqual(['vendor-addition', 'vendor-addition']);
  });

  it('rejects a vendor addition whose make-up working day is not on a weekend', () => {
    // Prepare: 2098-09-29 is a Monday.
    const wrong = { ...fixture2098, makeUpWorkdays: [{ date: '2098-09-29', name: '国庆节' }] };
    // Act
    const act = () => makeWorkingDayCalendar({ vendorAdditions: [wrong] });
    // Assess
    expect(act).toThrow(/2098.*调休上班日必须是周六或周日/);
  });

  it('lets a contract close a working day for the hospital and lists it as a contract override', () => {
    // Prepare
    const calendar = calendarForContract({
      calendarOverrides: [{ date: '2026-03-16', working: false, reason: '医院停电检修' }],
    });
    // Act
    const listing = calendar.yearListing(2026);
    // Assess
    expect(calendar.isWorkingDay('2026-03-16')).toBe(false);
    expect(calendar.addWorkingDays('2026-03-13', 1)).toBe('2026-03-17');
    expect(listing.holidays).toContainEqual({
      date: '2026-03-16',
      working: false,
      source: 'contract-override',
      name: '医院停电检修',
    });
    expect(chinaCalendar.isWorkingDay('2026-03-16')).toBe(true);
  });

  it('decides an overridden day even in an unpublished year, and only that day', () => {
    // Prepare
    const calendar = chinaCalendar.withOverrides([
      { date: '2099-01-05', working: true, reason: '医院集中上线' },
    ]);
    // Act / Assess
    expect(calendar.isWorkingDay('2099-01-05')).toBe(true);
    expect(() => calendar.isWorkingDay('2099-01-06')).toThrow(CalendarYearNotPublishedError);
  });

  it('round-trips: counting the working days to the n-th working day gives n, forwards and back', () => {
    fc.assert(
      fc.property(publishedDay, fc.integer({ min: -60, max: 60 }), (day, n) => {
        const target = chinaCalendar.addWorkingDays(day, n);
        expect(chinaCalendar.workingDaysBetween(day, target)).toBe(n);
        if (n !== 0) expect(chinaCalendar.isWorkingDay(target)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never moves a due date backwards when rolling it to the next working day', () => {
    fc.assert(
      fc.property(publishedDay, (day) => {
        const rolled = chinaCalendar.nextWorkingDayOnOrAfter(day);
        expect(rolled >= day).toBe(true);
        expect(chinaCalendar.isWorkingDay(rolled)).toBe(true);
        expect(chinaCalendar.workingDaysBetween(day, rolled)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});
