import { describe, expect, it } from 'vitest';
import { calendarDaysFromIcs, CalendarFileError } from './calendar-file.ts';
import { makeWorkingDayCalendar } from './working-day-calendar.ts';

// As calendar feeds of 中国法定节假日 publish it: all-day events, DTEND exclusive, folded lines,
// a make-up working day marked 班, and a neighbouring year in the same file.
const feed = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//test//holidays//CN',
  'BEGIN:VEVENT',
  'UID:2026-national@test',
  'DTSTART;VALUE=DATE:20261001',
  'DTEND;VALUE=DATE:20261008',
  'SUMMARY:国庆节 休',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:2027-new-year@test',
  'DTSTART;VALUE=DATE:20270101',
  'DTEND;VALUE=DATE:20270104',
  'SUMMARY:元旦（休）',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:2027-spring@test',
  'DTSTART;VALUE=DATE:20270205',
  'DTEND;VALUE=DATE:20270214',
  'SUMMARY:春节',
  ' 放假',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:2027-spring-work@test',
  'DTSTART;VALUE=DATE:20270214',
  'SUMMARY:春节 补班',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

describe('a year read from an iCalendar file of Chinese public holidays', () => {
  it('expands each holiday to its days, DTEND exclusive, names it without the markers, and takes 班 as a make-up working day', () => {
    const days = calendarDaysFromIcs(feed, 2027);
    expect(days.holidays.map((d) => d.date)).toEqual([
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
      '2027-02-12',
      '2027-02-13',
    ]);
    expect(days.holidays[0]).toEqual({ date: '2027-01-01', name: '元旦' });
    expect(days.holidays[3]).toEqual({ date: '2027-02-05', name: '春节' });
    expect(days.makeUpWorkdays).toEqual([{ date: '2027-02-14', name: '春节' }]);
  });

  it('leaves out the days of other years, and gives a calendar that counts working days with them', () => {
    expect(calendarDaysFromIcs(feed, 2026).holidays.map((d) => d.date)).toContain('2026-10-07');
    const days = calendarDaysFromIcs(feed, 2027);
    const calendar = makeWorkingDayCalendar({
      vendorAdditions: [{ year: 2027, notice: 'test', ...days }],
    });
    // 2027-02-04 (Thu) + 1 working day skips the Spring Festival to the Sunday worked instead.
    expect(calendar.addWorkingDays('2027-02-04', 1)).toBe('2027-02-14');
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
  });

  it('says which line is wrong, and what is not an iCalendar file at all', () => {
    expect(() =>
      calendarDaysFromIcs('BEGIN:VEVENT\nDTSTART;VALUE=DATE:2027013\nSUMMARY:x\nEND:VEVENT', 2027),
    ).toThrow(new CalendarFileError('"2027013" is not an iCalendar date', 2));
    expect(() => calendarDaysFromIcs('{"year": 2027}', 2027)).toThrow(/no VEVENT/);
    expect(() =>
      calendarDaysFromIcs(
        'BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270206\nSUMMARY:春节\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270206\nSUMMARY:春节 班\nEND:VEVENT',
        2027,
      ),
    ).toThrow(/2027-02-06 is both a holiday and a make-up working day/);
  });
});
