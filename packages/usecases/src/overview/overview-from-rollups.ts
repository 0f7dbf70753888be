import {
  compliantBp,
  periodContaining,
  quarterPeriods,
  shanghaiDateOf,
  startOfShanghaiDate,
  toIsoInstant,
  type Severity,
} from '@weibao/domain';
import {
  allHospitals,
  allPages,
  contractsOfHospital,
  decodeCursor,
  encodeCursor,
  hospitalById,
  keys,
  rollupKeyId,
  rollupsAt,
  rollupTotalsOf,
  StoreError,
  type ContractRecord,
  type HospitalRecord,
  type OpenRollupFigures,
  type Page,
  type RollupFigures,
  type RollupKey,
  type RollupRecord,
} from '@weibao/store';
import { mapBounded } from '../bounded-map.ts';
import { missingCalendarYear, missingCalendarYearAnywhere } from '../calendar/calendar-years.ts';
import type { Deps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import {
  calendarQuarters,
  noFigures,
  type CalendarQuarter,
  type ContractQuarterFigures,
  type HospitalOverview,
  type QuarterFigures,
  type VendorOverview,
} from './vendor-overview.ts';

const hospitalsAtOnce = 8;
const defaultLimit = 20;

export interface OverviewPageQuery {
  limit?: number | undefined;
  cursor?: string | undefined;
}

function figuresOf(cell: RollupRecord | undefined): Omit<QuarterFigures, 'quarter'> {
  if (!cell) return noFigures();
  const f = cell.figures as RollupFigures;
  return {
    faults: f.faults,
    breached: f.breached,
    compliantBp: compliantBp(f),
    deductionsFen: f.deductionsFen,
    deductionEntries: f.deductionEntries,
    withdrawnFen: f.withdrawnFen,
  };
}

/** Each hospital's contracts (deleted ones too), one Query each, a few hospitals at a time. */
export function contractsOfEach(
  deps: Pick<Deps, 'db'>,
  hospitals: readonly Pick<HospitalRecord, 'id'>[],
): Promise<ContractRecord[][]> {
  return mapBounded(hospitals, hospitalsAtOnce, (h) =>
    mapStoreErrors('the contracts', () =>
      allPages((cursor) =>
        contractsOfHospital(deps.db, h.id, { limit: 100, ...(cursor ? { cursor } : {}) }),
      ),
    ),
  );
}

/**
 * The figures of some hospitals from their rollup cells: each hospital's contracts (one Query, to
 * know which contract quarters are current today), then one BatchGet per 100 cells of the last
 * four calendar quarters, each current contract quarter and the open counts. A cell not written
 * yet (no fault in it) reads as zero.
 */
async function hospitalsFromRollups(
  deps: Pick<Deps, 'db'>,
  hospitals: readonly Pick<HospitalRecord, 'id' | 'name'>[],
  quarters: readonly CalendarQuarter[],
  today: string,
): Promise<{ rows: HospitalOverview[]; contracts: ContractRecord[] }> {
  const contracts = await contractsOfEach(deps, hospitals);
  const current = hospitals.map((h, i) =>
    (contracts[i] ?? []).flatMap((c) => {
      const period = c.deletedAt
        ? undefined
        : periodContaining(quarterPeriods(c.terms.term), today);
      return period ? [{ contract: c, period }] : [];
    }),
  );
  const wanted: RollupKey[] = hospitals.flatMap((h, i) => [
    ...quarters.map((q) => keys.rollupCalendar(h.id, q.label)),
    ...(current[i] ?? []).map(({ contract, period }) =>
      keys.rollupContractQuarter(h.id, contract.id, period.index),
    ),
    keys.rollupOpen(h.id),
  ]);
  const cells = await mapStoreErrors('the overview figures', () => rollupsAt(deps.db, wanted));
  const cellAt = (k: RollupKey) => cells.get(rollupKeyId(k));
  const rows = hospitals.map((h, i) => ({
    hospitalId: h.id,
    name: h.name,
    open: {
      fatal: 0,
      serious: 0,
      minor: 0,
      ...(cellAt(keys.rollupOpen(h.id))?.figures as OpenRollupFigures | undefined),
    },
    quarters: quarters.map((q) => ({
      quarter: q.label,
      ...figuresOf(cellAt(keys.rollupCalendar(h.id, q.label))),
    })),
    contractQuarters: (current[i] ?? []).map(({ contract, period }): ContractQuarterFigures => ({
      contractId: contract.id,
      contractName: contract.terms.name,
      index: period.index,
      startsOn: period.startsOn,
      endsOn: period.endsOn,
      ...figuresOf(cellAt(keys.rollupContractQuarter(h.id, contract.id, period.index))),
    })),
  }));
  return { rows, contracts: contracts.flat() };
}

/**
 * The hospitals an engineer limited to some of them sees, oldest id first, one page: the cursor
 * is the last hospital given out, and must be one of the caller's own.
 */
export async function limitedHospitals(
  deps: Pick<Deps, 'db'>,
  hospitalLimit: readonly string[],
): Promise<HospitalRecord[]> {
  const found = await mapBounded([...hospitalLimit].sort(), hospitalsAtOnce, (id) =>
    mapStoreErrors('the hospitals', () => hospitalById(deps.db, id)),
  );
  return found.filter((h): h is HospitalRecord => !!h && !h.deletedAt);
}

/** One page of rows; a cursor must name a hospital of these rows (the same 400 as the store's). */
export function pageOf<T extends { hospitalId: string }>(
  rows: readonly T[],
  limit: number,
  cursor: string | undefined,
): Promise<Page<T>> {
  return mapStoreErrors('the hospitals', async () => {
    let start = 0;
    if (cursor !== undefined) {
      const after = decodeCursor(cursor, {}, ['after'])?.after;
      start = rows.findIndex((r) => r.hospitalId === after) + 1;
      if (start === 0)
        throw new StoreError('bad-cursor', 'the cursor is not one this list gave out');
    }
    const items = rows.slice(start, start + limit);
    const last = items[items.length - 1];
    return {
      items,
      next: start + limit < rows.length && last ? encodeCursor({ after: last.hospitalId }) : null,
    };
  });
}

const sumOpen = (rows: readonly HospitalOverview[]): Record<Severity, number> => {
  const open = { fatal: 0, serious: 0, minor: 0 };
  for (const h of rows)
    for (const s of ['fatal', 'serious', 'minor'] as const) open[s] += h.open[s];
  return open;
};

/**
 * The vendor's home figures from rollups only: one page of the hospitals the caller sees with
 * their open tickets, last four calendar quarters and each contract's current quarter, and the
 * totals of all those hospitals. Its reads do not grow with tickets, and for the whole vendor not
 * with hospitals either: the page's cells, and the totals summed from 8 shards (rollups.ts).
 */
export function makeVendorOverview(deps: Deps) {
  return async (
    hospitalLimit: readonly string[] | null = null,
    query: OverviewPageQuery = {},
  ): Promise<VendorOverview> => {
    const today = shanghaiDateOf(deps.clock.now().toISOString());
    // The day the figures are of, not the instant of the call: an unchanged answer keeps its
    // ETag, so the home page's minute refresh gets 304 until a figure moves.
    const at = toIsoInstant(startOfShanghaiDate(today));
    const quarters = calendarQuarters(today, 4);
    const limit = query.limit ?? defaultLimit;
    if (hospitalLimit) {
      // An engineer assigned to a few hospitals: all of them are read, for the totals.
      const { rows, contracts } = await hospitalsFromRollups(
        deps,
        await limitedHospitals(deps, hospitalLimit),
        quarters,
        today,
      );
      const page = await pageOf(rows, limit, query.cursor);
      return {
        at,
        quarters,
        hospitals: page.items,
        next: page.next,
        open: sumOpen(rows),
        currentQuarterFen: rows.reduce(
          (sum, h) => h.contractQuarters.reduce((s, q) => s + q.deductionsFen, sum),
          0,
        ),
        calendarMissing: await missingCalendarYear(deps, contracts, today),
      };
    }
    const [hospitals, totals, calendarMissing] = await Promise.all([
      mapStoreErrors('the hospitals', () =>
        allHospitals(deps.db, { limit, ...(query.cursor ? { cursor: query.cursor } : {}) }),
      ),
      mapStoreErrors('the overview figures', () => rollupTotalsOf(deps.db, today)),
      missingCalendarYearAnywhere(deps, today),
    ]);
    return {
      at,
      quarters,
      hospitals: (
        await hospitalsFromRollups(
          deps,
          hospitals.items.filter((h) => !h.deletedAt),
          quarters,
          today,
        )
      ).rows,
      next: hospitals.next,
      open: totals.open,
      currentQuarterFen: totals.contractQuartersFen,
      calendarMissing,
    };
  };
}
