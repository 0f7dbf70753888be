import { readFile } from 'node:fs/promises';
import {
  CalendarYearNotPublishedError,
  chinaCalendar,
  contractTermsSchema,
  type CalendarDay,
  type WorkingDayCalendar,
} from '@weibao/domain';
import { UsageError, type Command } from '../command.ts';
import { importCalendarYear, importUsage, importUsageLine } from './calendar-import.ts';

const usage = `npx weibao calendar YEAR [--contract terms.json] | ${importUsageLine}`;

async function contractCalendar(path: string): Promise<WorkingDayCalendar> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read contract terms from ${path}: ${(err as Error).message}`);
  }
  const parsed = contractTermsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `${path} is not valid contract terms at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  return chinaCalendar.withOverrides(parsed.data.calendarOverrides);
}

const dates = (days: CalendarDay[]) => days.map((d) => d.date);

/** Prints one year of the working-day calendar so operators can check it against the notice. */
export const command: Command = {
  summary:
    'Print a year of the working-day calendar (holidays, 调休 make-up working days) as JSON, with where each day comes from; `calendar import` enters a year from the State Council notice.',
  usage: `${usage}\n\n${importUsage}`,
  async run(args) {
    if (args[0] === 'import') return importCalendarYear(args.slice(1));
    const contractAt = args.indexOf('--contract');
    const contractPath = contractAt >= 0 ? args[contractAt + 1] : undefined;
    if (contractAt >= 0 && !contractPath) {
      throw new UsageError(`--contract needs a file; usage: ${usage}`);
    }
    const rest =
      contractAt >= 0 ? args.filter((_, i) => i !== contractAt && i !== contractAt + 1) : args;
    const [yearArg, ...extra] = rest;
    if (!yearArg || extra.length || !/^\d{4}$/.test(yearArg)) {
      throw new UsageError(
        `give one four-digit year, e.g. npx weibao calendar 2026; usage: ${usage}`,
      );
    }
    const calendar = contractPath ? await contractCalendar(contractPath) : chinaCalendar;
    try {
      const listing = calendar.yearListing(Number(yearArg));
      const sources = Object.fromEntries(
        [...listing.holidays, ...listing.makeUpWorkdays]
          .sort((a, b) => a.date.localeCompare(b.date))
          .map((d) => [d.date, { source: d.source, name: d.name }]),
      );
      const out = {
        year: listing.year,
        publishedBy: listing.publishedBy,
        holidays: dates(listing.holidays),
        makeUpWorkdays: dates(listing.makeUpWorkdays),
        sources,
      };
      console.log(JSON.stringify(out, null, 2));
      return 0;
    } catch (err) {
      if (err instanceof CalendarYearNotPublishedError) throw new UsageError(err.message);
      throw err;
    }
  },
};
