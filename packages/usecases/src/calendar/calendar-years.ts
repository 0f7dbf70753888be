import { isoDateSchema, vendorCalendarYearSchema, type VendorCalendarYear } from '@weibao/domain';
import {
  allCalendarYears,
  anyContractEndingFrom,
  allHospitals,
  allPages,
  calendarYear,
  contractsOfHospital,
  saveCalendarYear,
  vendorChainId,
  type CalendarYearRecord,
  type ContractRecord,
} from '@weibao/store';
import { auditRecord } from '../audit-record.ts';
import { AppError } from '../errors.ts';
import { planContractObligations } from '../obligations/obligation-planning.ts';
import type { Actor, Deps, PlanningDeps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { checkVersion } from '../versioned-change.ts';
import { forgetCalendarYears, workingDayCalendar } from './working-days.ts';

/** What a vendor admin enters for a year: the notice and its days. */
export interface CalendarYearInput {
  notice: string;
  noticeDate?: string | null;
  holidays: { date: string; name: string }[];
  makeUpWorkdays: { date: string; name: string }[];
}

const what = 'the calendar year';

/** A year's days checked as the domain checks the operators' file: in the year, once, 调休 on weekends. */
export function checkCalendarYear(year: number, input: CalendarYearInput): VendorCalendarYear {
  const parsed = vendorCalendarYearSchema.safeParse({
    year,
    notice: input.notice,
    holidays: input.holidays,
    makeUpWorkdays: input.makeUpWorkdays,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('invalid', `${year} 年：${issue?.message ?? '无效'}`, {
      path: issue?.path.join('.') ?? '',
    });
  }
  if (input.noticeDate != null && !isoDateSchema.safeParse(input.noticeDate).success)
    throw new AppError('invalid', '发布日期应为 YYYY-MM-DD 格式的日期', {
      path: 'noticeDate',
    });
  return parsed.data;
}

/**
 * A vendor admin enters (or corrects) one year from the State Council's notice: version-checked
 * (0 = not entered yet) and audited in the vendor's chain. Then every contract whose due dates can
 * fall in that year is planned again at once, so obligations, reminders and payment dates that
 * waited for the year get them now.
 */
export function makeEnterCalendarYear(deps: PlanningDeps) {
  return async (
    actor: Actor,
    year: number,
    input: CalendarYearInput & { version: number },
  ): Promise<{ year: CalendarYearRecord; replanned: { contracts: number; changed: number } }> => {
    const checked = checkCalendarYear(year, input);
    const before = await calendarYear(deps.db, year);
    checkVersion(before?.version ?? 0, input.version, what);
    const at = deps.clock.now().toISOString();
    const after: CalendarYearRecord = {
      year,
      notice: checked.notice,
      noticeDate: input.noticeDate ?? null,
      holidays: [...checked.holidays].sort((a, b) => a.date.localeCompare(b.date)),
      makeUpWorkdays: [...checked.makeUpWorkdays].sort((a, b) => a.date.localeCompare(b.date)),
      version: input.version + 1,
      createdAt: before?.createdAt ?? at,
      updatedAt: at,
    };
    const audit = auditRecord(
      deps,
      actor,
      at,
      vendorChainId,
      'calendar.enter',
      { type: 'calendar-year', id: String(year) },
      before ?? null,
      after,
    );
    try {
      await mapStoreErrors(what, () =>
        saveCalendarYear(
          deps.db,
          after,
          before ? { kind: 'update', expectedVersion: before.version } : { kind: 'create' },
          audit,
        ),
      );
    } finally {
      forgetCalendarYears(deps.db);
    }
    return { year: after, replanned: await replanForYear(deps, actor, year) };
  };
}

/** Every contract not deleted whose term, or the payments after it, can reach into `year`. */
async function replanForYear(
  deps: PlanningDeps,
  actor: Actor,
  year: number,
): Promise<{ contracts: number; changed: number }> {
  const reaches = (c: ContractRecord) =>
    c.terms.term.startsOn <= `${year}-12-31` && c.terms.term.endsOn >= `${year - 1}-01-01`;
  const hospitals = await allPages((cursor) =>
    allHospitals(deps.db, { limit: 50, ...(cursor ? { cursor } : {}) }),
  );
  let contracts = 0;
  let changed = 0;
  for (const h of hospitals.filter((h) => !h.deletedAt)) {
    for (const c of (await contractsOf(deps, h.id)).filter(reaches)) {
      const r = await planContractObligations(deps, actor, c);
      contracts += 1;
      changed += r.created + r.updated + r.removed;
    }
  }
  return { contracts, changed };
}

/** Every contract of a hospital that is not deleted. */
const contractsOf = (deps: Pick<Deps, 'db'>, hospitalId: string) =>
  allPages((cursor) =>
    contractsOfHospital(deps.db, hospitalId, { limit: 50, ...(cursor ? { cursor } : {}) }),
  );

/** The years a vendor admin entered, for the calendar page; the package's own years are not listed. */
export function makeListCalendarYears(deps: Deps) {
  return (): Promise<CalendarYearRecord[]> => allCalendarYears(deps.db);
}

/** A year the calendar lacks while contracts already reach into it: what the overview warns of. */
export interface MissingCalendarYear {
  year: number;
  /**
   * Contracts (not deleted) of the hospitals looked at whose term runs into that year or later;
   * absent when all hospitals are looked at, which is only asked whether one does.
   */
  contracts?: number;
}

/**
 * The first year the working-day calendar lacks among this year and, from 1 October (when the
 * State Council publishes it), the next; undefined when none is missing.
 */
async function unpublishedYear(deps: Pick<Deps, 'db'>, today: string): Promise<number | undefined> {
  const year = Number(today.slice(0, 4));
  const candidates = today.slice(5) >= '10-01' ? [year, year + 1] : [year];
  const published = new Set((await workingDayCalendar(deps)).publishedYears());
  return candidates.find((y) => !published.has(y));
}

/**
 * The missing year (see unpublishedYear) with how many of `contracts` (the caller has read them)
 * reach into it; null when none is missing or no contract needs it.
 */
export async function missingCalendarYear(
  deps: Pick<Deps, 'db'>,
  contracts: readonly Pick<ContractRecord, 'terms' | 'deletedAt'>[],
  today: string,
): Promise<MissingCalendarYear | null> {
  const missing = await unpublishedYear(deps, today);
  if (missing === undefined) return null;
  const reaching = contracts.filter(
    (c) => !c.deletedAt && c.terms.term.endsOn >= `${missing}-01-01`,
  ).length;
  return reaching > 0 ? { year: missing, contracts: reaching } : null;
}

/**
 * The missing year when a contract of any hospital reaches into it, without counting them: the
 * vendor-wide overview asks the contracts-by-end index for one such contract, not for all.
 */
export async function missingCalendarYearAnywhere(
  deps: Pick<Deps, 'db'>,
  today: string,
): Promise<MissingCalendarYear | null> {
  const missing = await unpublishedYear(deps, today);
  if (missing === undefined) return null;
  const reaching = await mapStoreErrors('the contracts', () =>
    anyContractEndingFrom(deps.db, `${missing}-01-01`),
  );
  return reaching ? { year: missing } : null;
}
