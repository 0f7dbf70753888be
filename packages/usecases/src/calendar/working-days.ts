import {
  makeWorkingDayCalendar,
  vendorCalendarAdditions,
  type VendorCalendarYear,
  type WorkingDayCalendar,
} from '@weibao/domain';
import { allCalendarYears, type CalendarYearRecord, type Db } from '@weibao/store';

/**
 * How long a process plans with the entered years as it last read them. Entering a year re-plans
 * in the process that saved it, which forgets them at once; other Lambda containers follow within
 * this time.
 */
export const calendarYearsCacheMs = 60_000;
const cached = new Map<string, { until: number; calendar: Promise<WorkingDayCalendar> }>();

/**
 * The working-day calendar every due date is counted in: the chinese-days package's years, the
 * operators' file (vendor-additions.ts), and the years vendor admins entered, which win.
 */
export function workingDayCalendar(deps: { db: Db }): Promise<WorkingDayCalendar> {
  const key = deps.db.tableName;
  const now = Date.now();
  const hit = cached.get(key);
  if (hit && hit.until > now) return hit.calendar;
  const calendar = allCalendarYears(deps.db).then((entered) =>
    makeWorkingDayCalendar({
      vendorAdditions: [...vendorCalendarAdditions, ...entered.map(asVendorYear)],
    }),
  );
  cached.set(key, { until: now + calendarYearsCacheMs, calendar });
  calendar.catch(() => {
    if (cached.get(key)?.calendar === calendar) cached.delete(key);
  });
  return calendar;
}

const asVendorYear = (y: CalendarYearRecord): VendorCalendarYear => ({
  year: y.year,
  notice: y.notice,
  holidays: y.holidays,
  makeUpWorkdays: y.makeUpWorkdays,
});

/** After a save in this process: the next plan reads the entered years again. */
export function forgetCalendarYears(db: Db): void {
  cached.delete(db.tableName);
}
