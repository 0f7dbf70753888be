import {
  openTicketStatuses,
  periodContaining,
  quarterPeriods,
  shanghaiDateOf,
  startOfShanghaiDate,
  toIsoInstant,
  type ServicePeriod,
} from '@weibao/domain';
import {
  allPages,
  allHospitals,
  contractById,
  contractsOfHospital,
  hospitalItemsConsistent,
  keys,
  rollupAt,
  rollupsAt,
  rollupTotalItems,
  rollupTotalShards,
  setRollupTotal,
  shardOfHospital,
  writeRollup,
  type ContractRecord,
  type LedgerEntryRecord,
  type OpenRollupFigures,
  type RollupFigures,
  type RollupKey,
  type RollupTotalDelta,
  type StreamImages,
  type TicketRecord,
} from '@weibao/store';
import type { Deps } from '../ports.ts';
import { aggregateVendorOverview, calendarQuarters } from './vendor-overview.ts';

/**
 * One rollup cell of a hospital: a calendar quarter (自然季度), a contract quarter (服务期季度, named
 * by a day inside it until the contract is read) or its open tickets.
 */
export type RollupCell =
  | { hospitalId: string; kind: 'calendar'; quarter: string }
  | { hospitalId: string; kind: 'contract'; contractId: string; day: string }
  | { hospitalId: string; kind: 'open' };

const cellId = (c: RollupCell) =>
  c.kind === 'calendar'
    ? `${c.hospitalId}|CAL|${c.quarter}`
    : c.kind === 'contract'
      ? `${c.hospitalId}|CQ|${c.contractId}|${c.day}`
      : `${c.hospitalId}|OPEN`;

/** The calendar quarter label (2026Q4) of an instant, in Asia/Shanghai. */
export const calendarQuarterOf = (iso: string) =>
  calendarQuarters(shanghaiDateOf(iso), 1)[0]?.label ?? '';

/**
 * The cells a stored item touches, from an image of it (old or new) as the stream gives it: a
 * ticket its report's calendar and contract quarters and the open counts, a ledger entry its
 * fault's quarters. Other items touch none.
 */
export function cellsOfImage(image: Record<string, unknown> | undefined): RollupCell[] {
  if (!image || typeof image.hospitalId !== 'string' || typeof image.reportedAt !== 'string')
    return [];
  const hospitalId = image.hospitalId;
  const reportedAt = image.reportedAt;
  const out: RollupCell[] = [
    { hospitalId, kind: 'calendar', quarter: calendarQuarterOf(reportedAt) },
  ];
  if (typeof image.contractId === 'string')
    out.push({
      hospitalId,
      kind: 'contract',
      contractId: image.contractId,
      day: shanghaiDateOf(reportedAt),
    });
  if (image.itemType === 'Ticket') out.push({ hospitalId, kind: 'open' });
  else if (image.itemType !== 'LedgerEntry') return [];
  return out;
}

/** The cells of many images, each once. */
export function distinctCells(cells: readonly RollupCell[]): RollupCell[] {
  const seen = new Map<string, RollupCell>();
  for (const c of cells) if (!seen.has(cellId(c))) seen.set(cellId(c), c);
  return [...seen.values()];
}

/** A resolved cell: its key, its window in ISO instants and how to compute it. */
interface ResolvedCell {
  key: RollupKey;
  cell: string;
  hospitalId: string;
  from: string;
  to: string;
  calendarQuarter?: string;
  contract?: { record: ContractRecord; period: ServicePeriod };
  open?: true;
}

const dayStart = (date: string) => toIsoInstant(startOfShanghaiDate(date));
/** The start of the day after `date` (Asia/Shanghai keeps no daylight saving). */
const endOfDay = (date: string) => toIsoInstant(startOfShanghaiDate(date) + 86_400_000);

async function resolve(deps: Deps, c: RollupCell): Promise<ResolvedCell | null> {
  if (c.kind === 'open')
    return {
      key: keys.rollupOpen(c.hospitalId),
      cell: 'OPEN',
      hospitalId: c.hospitalId,
      from: '',
      to: '',
      open: true,
    };
  if (c.kind === 'calendar') {
    const firstMonth = (Number(c.quarter.slice(5)) - 1) * 3 + 1;
    const q = calendarQuarters(
      `${c.quarter.slice(0, 4)}-${String(firstMonth).padStart(2, '0')}-01`,
      1,
    )[0];
    if (!q) return null;
    return {
      key: keys.rollupCalendar(c.hospitalId, q.label),
      cell: q.label,
      hospitalId: c.hospitalId,
      from: dayStart(q.from),
      to: endOfDay(q.to),
      calendarQuarter: q.label,
    };
  }
  const contract = await contractById(deps.db, c.hospitalId, c.contractId);
  if (!contract || contract.deletedAt) return null;
  const period = periodContaining(quarterPeriods(contract.terms.term), c.day);
  if (!period) return null;
  return {
    key: keys.rollupContractQuarter(c.hospitalId, contract.id, period.index),
    cell: `${contract.id}#${period.index}`,
    hospitalId: c.hospitalId,
    from: dayStart(period.startsOn),
    to: endOfDay(period.endsOn),
    contract: { record: contract, period },
  };
}

/**
 * The figures of one cell from that hospital's records of the cell's window, read strongly
 * consistent, by the overview's own pure rules (aggregateVendorOverview), so a rollup and a full
 * recompute agree.
 */
async function compute(deps: Deps, r: ResolvedCell): Promise<RollupFigures | OpenRollupFigures> {
  if (r.open) {
    const tickets = (await hospitalItemsConsistent(deps.db, r.hospitalId, {
      from: 'TICKET#',
      to: 'TICKET#\uffff',
    })) as unknown as TicketRecord[];
    const open: OpenRollupFigures = { fatal: 0, serious: 0, minor: 0 };
    for (const t of tickets)
      if (!t.deletedAt && openTicketStatuses.includes(t.status)) open[t.severity] += 1;
    return open;
  }
  // Tickets newest first back to the window's start; the ledger of the hospital's contracts.
  const [ticketItems, ledgerItems] = await Promise.all([
    hospitalItemsConsistent(
      deps.db,
      r.hospitalId,
      { from: 'TICKET#', to: 'TICKET#\uffff', newestFirst: true },
      (last) => String(last.reportedAt ?? '') >= r.from,
    ),
    hospitalItemsConsistent(deps.db, r.hospitalId, {
      from: r.contract ? `LEDGER#${r.contract.record.id}#` : 'LEDGER#',
      to: r.contract ? `LEDGER#${r.contract.record.id}#\uffff` : 'LEDGER#\uffff',
    }),
  ]);
  const inWindow = (iso: string) => r.from <= iso && iso < r.to;
  const tickets = (ticketItems as unknown as TicketRecord[]).filter(
    (t) => !t.deletedAt && inWindow(t.reportedAt),
  );
  const ledger = (ledgerItems as unknown as LedgerEntryRecord[]).filter((e) =>
    inWindow(e.reportedAt),
  );
  const hospitals = [{ id: r.hospitalId, name: '' }];
  if (r.contract) {
    const overview = aggregateVendorOverview({
      at: dayStart(r.contract.period.startsOn),
      quarters: [],
      hospitals,
      contracts: [r.contract.record],
      tickets,
      openTickets: [],
      ledger,
    });
    return figuresOf(overview.hospitals[0]?.contractQuarters[0]);
  }
  const quarter = calendarQuarters(shanghaiDateOf(r.from), 1);
  const overview = aggregateVendorOverview({
    at: r.from,
    quarters: quarter,
    hospitals,
    contracts: [],
    tickets,
    openTickets: [],
    ledger,
  });
  return figuresOf(overview.hospitals[0]?.quarters[0]);
}

function figuresOf(q: RollupFigures | undefined): RollupFigures {
  return {
    faults: q?.faults ?? 0,
    breached: q?.breached ?? 0,
    deductionsFen: q?.deductionsFen ?? 0,
    deductionEntries: q?.deductionEntries ?? 0,
    withdrawnFen: q?.withdrawnFen ?? 0,
  };
}

const sameFigures = (a: object | undefined, b: object) =>
  !!a && Object.entries(b).every(([k, v]) => (a as Record<string, unknown>)[k] === v);

/**
 * What a cell's change adds to the vendor's totals: an open cell its counts, a contract quarter
 * its standing deductions (filed under the day the quarter ends); a calendar cell nothing.
 */
function totalDelta(
  r: ResolvedCell,
  before: RollupFigures | OpenRollupFigures | undefined,
  after: RollupFigures | OpenRollupFigures,
): RollupTotalDelta | undefined {
  const shard = shardOfHospital(r.hospitalId, rollupTotalShards);
  const n = (f: object | undefined, k: string) => Number((f as Record<string, unknown>)?.[k] ?? 0);
  if (r.open)
    return {
      key: keys.rollupOpenTotal(shard),
      add: Object.fromEntries(severities.map((k) => [k, n(after, k) - n(before, k)])),
    };
  if (r.contract)
    return {
      key: keys.rollupContractQuarterTotal(shard, r.contract.period.endsOn),
      add: { deductionsFen: n(after, 'deductionsFen') - n(before, 'deductionsFen') },
    };
  return undefined;
}

const severities = ['fatal', 'serious', 'minor'] as const;

/** How many times a cell is read and recomputed when other writers keep coming first. */
const attemptsPerCell = 8;

/**
 * Recomputes one cell and writes it if its figures changed, conditioned on the version read (on a
 * lost race: read and recompute again). A calendar cell's change of standing deductions goes to
 * the vendor's total in the same transaction. Repeating it with nothing new changes nothing.
 */
export async function refreshRollupCell(
  deps: Deps,
  cell: RollupCell,
): Promise<'written' | 'unchanged' | 'none'> {
  const r = await resolve(deps, cell);
  if (!r) return 'none';
  for (let attempt = 0; attempt < attemptsPerCell; attempt += 1) {
    const stored = await rollupAt(deps.db, r.key);
    const figures = await compute(deps, r);
    if (sameFigures(stored?.figures, figures)) return 'unchanged';
    const detail = r.contract
      ? {
          contractId: r.contract.record.id,
          contractName: r.contract.record.terms.name,
          index: r.contract.period.index,
          startsOn: r.contract.period.startsOn,
          endsOn: r.contract.period.endsOn,
        }
      : undefined;
    const written = await writeRollup(
      deps.db,
      r.key,
      {
        hospitalId: r.hospitalId,
        cell: r.cell,
        figures,
        version: (stored?.version ?? 0) + 1,
        computedAt: deps.clock.now().toISOString(),
        ...(detail ? { detail } : {}),
      },
      stored ? stored.version : null,
      totalDelta(r, stored?.figures, figures),
    );
    if (written) return 'written';
  }
  throw new Error(`rollup ${r.key.pk} ${r.key.sk}: other writers kept coming first`);
}

/** Refreshes cells one after another (a stream batch is small; this keeps reads steady). */
export async function refreshRollupCells(
  deps: Deps,
  cells: readonly RollupCell[],
): Promise<{ written: number; unchanged: number; none: number }> {
  const out = { written: 0, unchanged: 0, none: 0 };
  for (const c of distinctCells(cells)) out[await refreshRollupCell(deps, c)] += 1;
  return out;
}

/**
 * The cells the overview shows for a hospital today: the last four calendar quarters, the current
 * quarter of each contract in force, and the open counts.
 */
export async function currentCellsOfHospital(
  deps: Deps,
  hospitalId: string,
): Promise<RollupCell[]> {
  const today = shanghaiDateOf(deps.clock.now().toISOString());
  const contracts = await allPages((cursor) =>
    contractsOfHospital(deps.db, hospitalId, { limit: 100, ...(cursor ? { cursor } : {}) }),
  );
  return [
    ...calendarQuarters(today, 4).map((q): RollupCell => ({
      hospitalId,
      kind: 'calendar',
      quarter: q.label,
    })),
    ...contracts
      .filter((c) => !c.deletedAt && periodContaining(quarterPeriods(c.terms.term), today))
      .map((c): RollupCell => ({ hospitalId, kind: 'contract', contractId: c.id, day: today })),
    { hospitalId, kind: 'open' },
  ];
}

/**
 * Keeps the rollups of one stream batch: the cells its tickets and ledger entries touch (before
 * and after the change), each once, recomputed from source. A retried batch recomputes the same
 * figures and writes nothing.
 */
export function makeApplyRollupStream(deps: Deps) {
  return (changes: readonly StreamImages[]) =>
    refreshRollupCells(
      deps,
      changes.flatMap((c) => [...cellsOfImage(c.oldImage), ...cellsOfImage(c.newImage)]),
    );
}

/**
 * `weibao rollups rebuild`: recomputes every cell the overview shows (the last four calendar
 * quarters, current contract quarters, open counts) of one hospital or all, from source.
 */
export function makeRebuildRollups(deps: Deps) {
  return async (opts: { hospitalId?: string } = {}) => {
    const hospitals = opts.hospitalId
      ? [opts.hospitalId]
      : (
          await allPages((cursor) =>
            allHospitals(deps.db, { limit: 100, ...(cursor ? { cursor } : {}) }),
          )
        ).map((h) => h.id);
    const totals = { hospitals: 0, written: 0, unchanged: 0, none: 0 };
    for (const hospitalId of hospitals) {
      const run = await refreshRollupCells(deps, await currentCellsOfHospital(deps, hospitalId));
      totals.hospitals += 1;
      totals.written += run.written;
      totals.unchanged += run.unchanged;
      totals.none += run.none;
    }
    // All hospitals: the vendor's totals are set to the sum of the cells just rebuilt.
    if (!opts.hospitalId) await resetTotals(deps, hospitals);
    return totals;
  };
}

/**
 * Sets the vendor's totals to the sum of the cells just rebuilt: open counts, and the standing
 * deductions of current contract quarters by the day each ends; a total item of a later day that
 * no current quarter holds any more is set to zero.
 */
async function resetTotals(deps: Deps, hospitals: readonly string[]): Promise<void> {
  const today = shanghaiDateOf(deps.clock.now().toISOString());
  const wanted = new Map<string, { key: RollupKey; values: Record<string, number> }>();
  const add = (key: RollupKey, values: Record<string, number>) => {
    const id = `${key.pk}|${key.sk}`;
    const held = wanted.get(id)?.values ?? {};
    for (const [k, v] of Object.entries(values)) held[k] = (held[k] ?? 0) + v;
    wanted.set(id, { key, values: held });
  };
  for (let shard = 0; shard < rollupTotalShards; shard += 1)
    add(keys.rollupOpenTotal(shard), { fatal: 0, serious: 0, minor: 0 });
  for (const hospitalId of hospitals) {
    const cells = await currentCellsOfHospital(deps, hospitalId);
    const resolved = (await Promise.all(cells.map((c) => resolve(deps, c)))).filter(
      (r): r is ResolvedCell => r !== null && !r.calendarQuarter,
    );
    const stored = await rollupsAt(
      deps.db,
      resolved.map((r) => r.key),
    );
    for (const r of resolved) {
      const figures = stored.get(`${r.key.pk}|${r.key.sk}`)?.figures;
      const delta = totalDelta(r, undefined, figures ?? (r.open ? noOpen() : noFigures()));
      if (delta) add(delta.key, delta.add);
    }
  }
  for (let shard = 0; shard < rollupTotalShards; shard += 1)
    for (const item of await rollupTotalItems(deps.db, shard, today))
      if (!wanted.has(`${item.pk}|${item.sk}`))
        add({ pk: item.pk, sk: item.sk }, { deductionsFen: 0 });
  for (const { key, values } of wanted.values()) await setRollupTotal(deps.db, key, values);
}

const noOpen = (): OpenRollupFigures => ({ fatal: 0, serious: 0, minor: 0 });
const noFigures = (): RollupFigures => figuresOf(undefined);
