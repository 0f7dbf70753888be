import type { CalendarOverride } from '../contract.ts';
import { addDays, assertIsoDate, weekdayOf, yearOf } from '../dates.ts';
import { CalendarYearNotPublishedError } from './calendar-errors.ts';
import {
  chineseDaysVersion,
  chineseDaysYears,
  vendorYear,
  type StatutoryYear,
} from './statutory-years.ts';
import { vendorCalendarAdditions } from './vendor-additions.ts';
import type { VendorCalendarYear } from './vendor-calendar-year.ts';

/** Where a day's status comes from. */
export type CalendarSource = 'chinese-days' | 'vendor-addition' | 'contract-override' | 'weekday';

export interface CalendarDay {
  date: string;
  working: boolean;
  source: CalendarSource;
  /** Holiday name, the holiday a 调休 day belongs to, or the override's reason; null for a plain day. */
  name: string | null;
}

export interface CalendarYearListing {
  year: number;
  /** Which data the statutory part of the year comes from. */
  publishedBy: { source: StatutoryYear['source']; reference: string };
  /** Statutory holidays and days a contract closes that would otherwise be working days, in date order. */
  holidays: CalendarDay[];
  /** 调休 make-up working days and days a contract opens that would otherwise be off, in date order. */
  makeUpWorkdays: CalendarDay[];
}

/**
 * The working-day calendar of mainland China (工作日, with 调休 make-up working days), from the
 * chinese-days data, the vendor's additions, and optionally one contract's overrides. Immutable.
 */
export class WorkingDayCalendar {
  private readonly overrides: ReadonlyMap<string, CalendarOverride>;

  constructor(
    private readonly years: ReadonlyMap<number, StatutoryYear>,
    overrides: readonly CalendarOverride[] = [],
  ) {
    this.overrides = new Map(overrides.map((o) => [assertIsoDate(o.date), o]));
  }

  /** The same statutory data with a contract's own closures and openings on top. */
  withOverrides(overrides: readonly CalendarOverride[]): WorkingDayCalendar {
    return new WorkingDayCalendar(this.years, [...this.overrides.values(), ...overrides]);
  }

  publishedYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  /** Throws CalendarYearNotPublishedError for a year without data, unless a contract override decides the day. */
  dayInfo(date: string): CalendarDay {
    assertIsoDate(date);
    const override = this.overrides.get(date);
    if (override) {
      return {
        date,
        working: override.working,
        source: 'contract-override',
        name: override.reason,
      };
    }
    const year = this.statutoryYear(yearOf(date));
    const holiday = year.holidays.get(date);
    if (holiday !== undefined) return { date, working: false, source: year.source, name: holiday };
    const makeUp = year.makeUpWorkdays.get(date);
    if (makeUp !== undefined) return { date, working: true, source: year.source, name: makeUp };
    const weekday = weekdayOf(date);
    return { date, working: weekday !== 0 && weekday !== 6, source: 'weekday', name: null };
  }

  isWorkingDay(date: string): boolean {
    return this.dayInfo(date).working;
  }

  /**
   * The n-th working day after `date` (before it when n is negative); `date` itself is not
   * counted, so invoice received + 10 working days is the 10th working day after receipt.
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number of days: ${n}`);
    assertIsoDate(date);
    const step = n < 0 ? -1 : 1;
    let left = Math.abs(n);
    let day = date;
    while (left > 0) {
      day = addDays(day, step);
      if (this.isWorkingDay(day)) left -= 1;
    }
    return day;
  }

  /**
   * Working days from `from` to `to`: those in (from, to] going forward, minus those in
   * [to, from) going back, so that workingDaysBetween(d, addWorkingDays(d, n)) === n.
   */
  workingDaysBetween(from: string, to: string): number {
    assertIsoDate(from);
    assertIsoDate(to);
    if (from === to) return 0;
    const forward = from < to;
    const [first, last] = forward ? [addDays(from, 1), to] : [to, addDays(from, -1)];
    let count = 0;
    for (let day = first; day <= last; day = addDays(day, 1)) {
      if (this.isWorkingDay(day)) count += 1;
    }
    return forward ? count : -count;
  }

  /** A due date on a day off moves to the next working day (顺延). */
  nextWorkingDayOnOrAfter(date: string): string {
    return this.isWorkingDay(date) ? date : this.addWorkingDays(date, 1);
  }

  /** One year as people check it against the State Council notice, with the source of each day. */
  yearListing(year: number): CalendarYearListing {
    const statutory = this.statutoryYear(year);
    const holidays = new Map<string, CalendarDay>();
    const makeUpWorkdays = new Map<string, CalendarDay>();
    for (const [date, name] of statutory.holidays) {
      holidays.set(date, { date, working: false, source: statutory.source, name });
    }
    for (const [date, name] of statutory.makeUpWorkdays) {
      makeUpWorkdays.set(date, { date, working: true, source: statutory.source, name });
    }
    for (const o of this.overrides.values()) {
      if (yearOf(o.date) !== year) continue;
      const weekday = weekdayOf(o.date);
      const statutoryWorking =
        statutory.makeUpWorkdays.has(o.date) ||
        (weekday !== 0 && weekday !== 6 && !statutory.holidays.has(o.date));
      if (o.working === statutoryWorking) continue;
      const day: CalendarDay = {
        date: o.date,
        working: o.working,
        source: 'contract-override',
        name: o.reason,
      };
      if (o.working) {
        holidays.delete(o.date);
        makeUpWorkdays.set(o.date, day);
      } else {
        makeUpWorkdays.delete(o.date);
        holidays.set(o.date, day);
      }
    }
    const byDate = (a: CalendarDay, b: CalendarDay) => (a.date < b.date ? -1 : 1);
    return {
      year,
      publishedBy: { source: statutory.source, reference: statutory.reference },
      holidays: [...holidays.values()].sort(byDate),
      makeUpWorkdays: [...makeUpWorkdays.values()].sort(byDate),
    };
  }

  private statutoryYear(year: number): StatutoryYear {
    const data = this.years.get(year);
    if (!data) throw new CalendarYearNotPublishedError(year, this.coverage());
    return data;
  }

  private coverage(): string {
    const years = this.publishedYears();
    const vendor = years.filter((y) => this.years.get(y)?.source === 'vendor-addition');
    const fromPackage = years.filter((y) => this.years.get(y)?.source === 'chinese-days');
    const span = fromPackage.length
      ? `${chineseDaysVersion} covers ${fromPackage[0]}–${fromPackage[fromPackage.length - 1]}`
      : 'no chinese-days data';
    return vendor.length ? `${span}, vendor additions ${vendor.join(', ')}` : span;
  }
}

export interface WorkingDayCalendarOptions {
  /** Defaults to the operators' file, vendor-additions.ts. */
  vendorAdditions?: readonly VendorCalendarYear[];
  overrides?: readonly CalendarOverride[];
}

/** A vendor addition replaces the package's year: operators enter it on purpose, often to fix or precede it. */
export function makeWorkingDayCalendar(
  options: WorkingDayCalendarOptions = {},
): WorkingDayCalendar {
  const years = chineseDaysYears();
  for (const entry of options.vendorAdditions ?? vendorCalendarAdditions) {
    years.set(entry.year, vendorYear(entry));
  }
  return new WorkingDayCalendar(years, options.overrides ?? []);
}

/** The statutory calendar every contract starts from. */
export const chinaCalendar: WorkingDayCalendar = makeWorkingDayCalendar();

/** The calendar one contract counts working days in: statutory days plus the hospital's own. */
export function calendarForContract(
  terms: { calendarOverrides: readonly CalendarOverride[] },
  base: WorkingDayCalendar = chinaCalendar,
): WorkingDayCalendar {
  return base.withOverrides(terms.calendarOverrides);
}
