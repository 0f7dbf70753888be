import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import chineseDaysPackage from 'chinese-days/package.json' with { type: 'json' };
import { yearOf } from '../dates.ts';
import { vendorCalendarYearSchema, type VendorCalendarYear } from './vendor-calendar-year.ts';

export type StatutorySource = 'chinese-days' | 'vendor-addition';

/** One published year of the statutory calendar: its holidays and its 调休 make-up working days. */
export interface StatutoryYear {
  year: number;
  source: StatutorySource;
  /** The package and version, or the State Council notice of a vendor addition. */
  reference: string;
  /** date → holiday name (元旦, 春节 …); weekend days inside a holiday are listed too. */
  holidays: ReadonlyMap<string, string>;
  /** date → the holiday the make-up working day belongs to. */
  makeUpWorkdays: ReadonlyMap<string, string>;
}

export const chineseDaysVersion = `chinese-days ${chineseDaysPackage.version}`;

/** The package writes "National Day,国庆节,3"; the contract speaks Chinese, so keep 国庆节. */
function holidayName(label: string): string {
  return label.split(',')[1] ?? label;
}

/** Years the installed chinese-days ships, read from its bundled JSON (no network). */
export function chineseDaysYears(): Map<number, StatutoryYear> {
  const holidays = new Map<number, Map<string, string>>();
  const makeUpWorkdays = new Map<number, Map<string, string>>();
  const add = (into: Map<number, Map<string, string>>, labels: Record<string, string>) => {
    for (const [date, label] of Object.entries(labels)) {
      const year = yearOf(date);
      if (!into.has(year)) into.set(year, new Map());
      into.get(year)?.set(date, holidayName(label));
    }
  };
  add(holidays, chineseDays.holidays as Record<string, string>);
  add(makeUpWorkdays, chineseDays.workdays as Record<string, string>);
  const years = new Map<number, StatutoryYear>();
  for (const [year, days] of holidays) {
    years.set(year, {
      year,
      source: 'chinese-days',
      reference: chineseDaysVersion,
      holidays: days,
      makeUpWorkdays: makeUpWorkdays.get(year) ?? new Map(),
    });
  }
  return years;
}

/** A vendor-entered year, validated so a typo fails loudly at load rather than moving a due date. */
export function vendorYear(entry: VendorCalendarYear): StatutoryYear {
  const parsed = vendorCalendarYearSchema.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RangeError(
      `vendor calendar addition for ${entry.year} is invalid at ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  const y = parsed.data;
  return {
    year: y.year,
    source: 'vendor-addition',
    reference: y.notice,
    holidays: new Map(y.holidays.map((d) => [d.date, d.name])),
    makeUpWorkdays: new Map(y.makeUpWorkdays.map((d) => [d.date, d.name])),
  };
}
