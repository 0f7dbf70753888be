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
  hospitalById,
  ledgerEntryById,
  moveRollupParts,
  rollupPartsAt,
  ticketById,
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
  type RollupPart,
  type RollupRecord,
  type RollupTotalDelta,
  type StreamImages,
  type TicketRecord,
} from '@weibao/store';
import { mapBounded } from '../bounded-map.ts';
import { entryStands } from '../ledger/ledger-use-cases.ts';
import type { Deps } from '../ports.ts';
import { aggregateVendorOverview, calendarQuarters, lateFaults } from './vendor-overview.ts';

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

/** Cells resolved, each contract read once (a rebuild names every quarter of each contract). */
function resolveCells(deps: Deps, cells: readonly RollupCell[]): Promise<(ResolvedCell | null)[]> {
  const read = new Map<string, Promise<ContractRecord | undefined>>();
  const contractOf = (hospitalId: string, contractId: string) => {
    const id = `${hospitalId}|${contractId}`;
    let found = read.get(id);
    if (!found) read.set(id, (found = contractById(deps.db, hospitalId, contractId)));
    return found;
  };
  return Promise.all(cells.map((c) => resolve(c, contractOf)));
}

async function resolve(
  c: RollupCell,
  contractOf: (hospitalId: string, contractId: string) => Promise<ContractRecord | undefined>,
): Promise<ResolvedCell | null> {
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
  const contract = await contractOf(c.hospitalId, c.contractId);
  if (!contract || contract.deletedAt) return null;
  return contractCell(contract, c.day);
}

/** The cell of the quarter of `contract` (as given, not as stored now) that holds `day`. */
function contractCell(contract: ContractRecord, day: string): ResolvedCell | null {
  const period = periodContaining(quarterPeriods(contract.terms.term), day);
  if (!period) return null;
  return {
    key: keys.rollupContractQuarter(contract.hospitalId, contract.id, period.index),
    cell: `${contract.id}#${period.index}`,
    hospitalId: contract.hospitalId,
    from: dayStart(period.startsOn),
    to: endOfDay(period.endsOn),
    contract: { record: contract, period },
  };
}

/** A hospital's tickets and ledger entries as read for its cells, strongly consistent. */
interface HospitalRecords {
  tickets: TicketRecord[];
  ledger: LedgerEntryRecord[];
}

/**
 * A hospital's records for some of its cells: all its tickets when an open count is among them,
 * else its tickets newest first back to the earliest window; its whole ledger (a few entries).
 */
function readHospitalRecords(
  deps: Deps,
  hospitalId: string,
  cells: readonly ResolvedCell[],
): Promise<HospitalRecords> {
  const since = cells.some((c) => c.open) ? '' : (cells.map((c) => c.from).sort()[0] ?? '');
  return recordsOfHospitalSince(deps, hospitalId, since);
}

/** Every ticket and ledger entry of a hospital (the rebuild's reading of it). */
const allRecordsOfHospital = (deps: Deps, hospitalId: string) =>
  recordsOfHospitalSince(deps, hospitalId, '');

/** A hospital's tickets reported since `since` ('' for all), newest first, and its whole ledger. */
async function recordsOfHospitalSince(
  deps: Deps,
  hospitalId: string,
  since: string,
): Promise<HospitalRecords> {
  const [tickets, ledger] = await Promise.all([
    hospitalItemsConsistent(
      deps.db,
      hospitalId,
      { from: 'TICKET#', to: 'TICKET#\uffff', newestFirst: true },
      (last) => String(last.reportedAt ?? '') >= since,
    ),
    hospitalItemsConsistent(deps.db, hospitalId, { from: 'LEDGER#', to: 'LEDGER#\uffff' }),
  ]);
  return {
    tickets: tickets as unknown as TicketRecord[],
    ledger: ledger as unknown as LedgerEntryRecord[],
  };
}

/**
 * The figures of one cell from its hospital's records (readHospitalRecords) of the cell's window,
 * by the overview's own pure rules (aggregateVendorOverview), so a rollup and a full recompute
 * agree.
 */
function compute(r: ResolvedCell, records: HospitalRecords): RollupFigures | OpenRollupFigures {
  if (r.open) {
    const open: OpenRollupFigures = { fatal: 0, serious: 0, minor: 0 };
    for (const t of records.tickets)
      if (!t.deletedAt && openTicketStatuses.includes(t.status)) open[t.severity] += 1;
    return open;
  }
  const inWindow = (iso: string) => r.from <= iso && iso < r.to;
  const tickets = records.tickets.filter((t) => !t.deletedAt && inWindow(t.reportedAt));
  const ledger = records.ledger.filter(
    (e) => inWindow(e.reportedAt) && (!r.contract || e.contractId === r.contract.record.id),
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
      key: keys.rollupTotal('OPEN', shard),
      add: Object.fromEntries(severities.map((k) => [k, n(after, k) - n(before, k)])),
    };
  if (r.contract)
    return {
      key: keys.rollupTotal(`CQEND#${r.contract.period.endsOn}`, shard),
      add: { deductionsFen: n(after, 'deductionsFen') - n(before, 'deductionsFen') },
    };
  return undefined;
}

const severities = ['fatal', 'serious', 'minor'] as const;

/** How many times a cell is read and recomputed when other writers keep coming first. */
const attemptsPerCell = 8;

type CellOutcome = 'written' | 'unchanged' | 'none';

/**
 * Recomputes one cell from `records` and writes it if its figures changed, conditioned on the
 * version read; on a lost race the hospital's records are read again and it is recomputed. A
 * cell's change moves the vendor's totals in the same transaction. Repeating it with nothing new
 * changes nothing.
 */
async function refreshResolvedCell(
  deps: Deps,
  r: ResolvedCell,
  first: { stored: RollupRecord | undefined; records: HospitalRecords },
  /** The records after a lost race: the hospital's, read again (or none, to empty the cell). */
  readAgain: () => Promise<HospitalRecords> = () => readHospitalRecords(deps, r.hospitalId, [r]),
): Promise<CellOutcome> {
  for (let attempt = 0; attempt < attemptsPerCell; attempt += 1) {
    // The cell before the records: a stream change in between bumps its version, and the write
    // below is refused and read again.
    const stored = attempt === 0 ? first.stored : await rollupAt(deps.db, r.key);
    const records = attempt === 0 ? first.records : await readAgain();
    const figures = compute(r, records);
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

/** Hospitals whose cells are refreshed at once (each reads its records once). */
const hospitalsAtOnce = 4;

/**
 * Refreshes cells, each once: per hospital, its records are read once for all its cells (the
 * cells of a stream batch are mostly one hospital's), a few hospitals at a time.
 */
export async function refreshRollupCells(
  deps: Deps,
  cells: readonly RollupCell[],
): Promise<{ written: number; unchanged: number; none: number }> {
  const out = { written: 0, unchanged: 0, none: 0 };
  const byHospital = new Map<string, RollupCell[]>();
  for (const c of distinctCells(cells))
    byHospital.set(c.hospitalId, [...(byHospital.get(c.hospitalId) ?? []), c]);
  await mapBounded([...byHospital], hospitalsAtOnce, async ([hospitalId, mine]) => {
    const resolved: ResolvedCell[] = [];
    for (const r of await resolveCells(deps, mine)) {
      if (r) resolved.push(r);
      else out.none += 1;
    }
    if (resolved.length === 0) return;
    const stored = await Promise.all(resolved.map((r) => rollupAt(deps.db, r.key)));
    const records = await readHospitalRecords(deps, hospitalId, resolved);
    for (const [i, r] of resolved.entries())
      out[await refreshResolvedCell(deps, r, { stored: stored[i], records })] += 1;
  });
  return out;
}

/**
 * The cells a rebuild sets for a hospital: the last four calendar quarters and the open counts
 * (the overview), and every quarter of each contract in force (the overview shows the current
 * one, the deduction summary any that ended in its range).
 */
export async function cellsOfHospital(deps: Deps, hospitalId: string): Promise<RollupCell[]> {
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
    ...contracts.filter((c) => !c.deletedAt).flatMap((c) => contractQuarterCells(c)),
    { hospitalId, kind: 'open' },
  ];
}

/** A cell for every quarter of a contract's term, each named by its first day. */
const contractQuarterCells = (c: ContractRecord): RollupCell[] =>
  quarterPeriods(c.terms.term).map((p) => ({
    hospitalId: c.hospitalId,
    kind: 'contract',
    contractId: c.id,
    day: p.startsOn,
  }));

/** A record the rollups count: a ticket, or a ledger entry (a deduction of a ticket). */
export type CountedRecord =
  | { kind: 'ticket'; hospitalId: string; ticketId: string }
  | { kind: 'entry'; hospitalId: string; contractId: string; entryId: string };

const recordKey = (r: CountedRecord) =>
  r.kind === 'ticket'
    ? keys.ticket(r.hospitalId, r.ticketId)
    : keys.ledgerEntry(r.hospitalId, r.contractId, r.entryId);

const partsKey = (r: CountedRecord) => keys.rollupParts(r.hospitalId, recordKey(r).sk);

/**
 * The records a stored item's image names: a ticket itself; a ledger entry itself and its ticket
 * (whose lateness a late-response deduction decides). Other items name none.
 */
export function recordsOfImage(image: Record<string, unknown> | undefined): CountedRecord[] {
  if (!image || typeof image.hospitalId !== 'string' || typeof image.id !== 'string') return [];
  const hospitalId = image.hospitalId;
  if (image.itemType === 'Ticket') return [{ kind: 'ticket', hospitalId, ticketId: image.id }];
  if (image.itemType !== 'LedgerEntry' || typeof image.contractId !== 'string') return [];
  return [
    { kind: 'entry', hospitalId, contractId: image.contractId, entryId: image.id },
    ...(typeof image.ticketId === 'string'
      ? [{ kind: 'ticket' as const, hospitalId, ticketId: image.ticketId }]
      : []),
  ];
}

type ContractOf = (hospitalId: string, contractId: string) => Promise<ContractRecord | undefined>;

/** Contracts read once per batch: a batch's records are mostly one hospital's few contracts. */
function contractReader(deps: Deps): ContractOf {
  const read = new Map<string, Promise<ContractRecord | undefined>>();
  return (hospitalId, contractId) => {
    const id = `${hospitalId}|${contractId}`;
    let p = read.get(id);
    if (!p) read.set(id, (p = contractById(deps.db, hospitalId, contractId)));
    return p;
  };
}

/**
 * A fault's or a deduction's parts of its calendar quarter and of its contract's quarter (when the
 * contract is in force on its report day), as the overview's rules file them.
 */
function quarterParts(
  hospitalId: string,
  reportedAt: string,
  contract: ContractRecord | undefined,
  add: Record<string, number>,
  standingFen: number | null,
): RollupPart[] {
  const quarter = calendarQuarterOf(reportedAt);
  const out: RollupPart[] = [{ key: keys.rollupCalendar(hospitalId, quarter), cell: quarter, add }];
  const period =
    contract && !contract.deletedAt
      ? periodContaining(quarterPeriods(contract.terms.term), shanghaiDateOf(reportedAt))
      : undefined;
  if (contract && period)
    out.push({
      key: keys.rollupContractQuarter(hospitalId, contract.id, period.index),
      cell: `${contract.id}#${period.index}`,
      add,
      detail: {
        contractId: contract.id,
        contractName: contract.terms.name,
        index: period.index,
        startsOn: period.startsOn,
        endsOn: period.endsOn,
      },
      ...(standingFen === null
        ? {}
        : {
            total: {
              key: keys.rollupTotal(
                `CQEND#${period.endsOn}`,
                shardOfHospital(hospitalId, rollupTotalShards),
              ),
              add: { deductionsFen: standingFen },
            },
          }),
    });
  return out;
}

/**
 * What a ticket adds to the cells: to its hospital's open counts while open, and as a fault (late
 * or not, by the overview's one verdict: lateFaults) to its quarters. A deleted ticket adds
 * nothing.
 */
export function ticketParts(
  t: TicketRecord,
  entries: readonly LedgerEntryRecord[],
  contract: ContractRecord | undefined,
): RollupPart[] {
  if (t.deletedAt) return [];
  const out: RollupPart[] = [];
  if (openTicketStatuses.includes(t.status))
    out.push({
      key: keys.rollupOpen(t.hospitalId),
      cell: 'OPEN',
      add: { [t.severity]: 1 },
      total: {
        key: keys.rollupTotal('OPEN', shardOfHospital(t.hospitalId, rollupTotalShards)),
        add: { [t.severity]: 1 },
      },
    });
  if (t.kind === 'fault') {
    const late = lateFaults([t], entries).size > 0;
    const forContract = contract?.id === t.contractId ? contract : undefined;
    out.push(
      ...quarterParts(
        t.hospitalId,
        t.reportedAt,
        forContract,
        { faults: 1, breached: late ? 1 : 0 },
        null,
      ),
    );
  }
  return out;
}

/** What a deduction adds to its fault's quarters: standing or withdrawn (a dispute upheld). */
export function entryParts(
  e: LedgerEntryRecord,
  contract: ContractRecord | undefined,
): RollupPart[] {
  const stands = entryStands(e);
  const forContract = contract?.id === e.contractId ? contract : undefined;
  return quarterParts(
    e.hospitalId,
    e.reportedAt,
    forContract,
    {
      deductionEntries: 1,
      deductionsFen: stands ? e.amountFen : 0,
      withdrawnFen: stands ? 0 : e.amountFen,
    },
    stands ? e.amountFen : 0,
  );
}

/** A record's parts now, from its current state (strongly consistent). */
async function currentParts(
  deps: Deps,
  r: CountedRecord,
  contractOf: ContractOf,
): Promise<RollupPart[]> {
  if (r.kind === 'entry') {
    const e = await ledgerEntryById(deps.db, r.hospitalId, r.contractId, r.entryId, true);
    return e ? entryParts(e, await contractOf(r.hospitalId, e.contractId)) : [];
  }
  const t = await ticketById(deps.db, r.hospitalId, r.ticketId, true);
  if (!t) return [];
  const entries = (
    await Promise.all(
      t.deductionIds.map((id) => ledgerEntryById(deps.db, t.hospitalId, t.contractId, id, true)),
    )
  ).filter((e): e is LedgerEntryRecord => e !== undefined);
  return ticketParts(t, entries, await contractOf(t.hospitalId, t.contractId));
}

/** JSON with its keys sorted: parts read back from DynamoDB keep no key order. */
function canonical(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, x]) => [k, sort(x)]),
          )
        : v;
  return JSON.stringify(sort(value));
}

/** The difference `after` − `before` per item (cells or totals), the all-zero ones left out. */
function differences<T extends { key: RollupKey; add: Record<string, number> }>(
  before: readonly T[],
  after: readonly T[],
): (T & { add: Record<string, number> })[] {
  const byKey = new Map<string, T & { add: Record<string, number> }>();
  const put = (x: T, sign: 1 | -1) => {
    const id = `${x.key.pk}|${x.key.sk}`;
    const held = byKey.get(id) ?? { ...x, add: {} };
    // The part after the change names the cell (its detail) when there is one.
    const merged = sign === 1 ? { ...held, ...x, add: held.add } : held;
    for (const [k, n] of Object.entries(x.add)) merged.add[k] = (merged.add[k] ?? 0) + sign * n;
    byKey.set(id, merged);
  };
  for (const x of before) put(x, -1);
  for (const x of after) put(x, 1);
  return [...byKey.values()].filter((x) => Object.values(x.add).some((n) => n !== 0));
}

/**
 * Brings one record's parts up to date: reads the record as it is now and its parts as last
 * applied, and moves the cells and totals by the difference in one transaction guarded by the
 * parts' version (on a lost race it reads again). A replay finds nothing to move.
 */
async function applyRecord(
  deps: Deps,
  r: CountedRecord,
  contractOf: ContractOf,
  /** False for the rebuild, which sets the parts from source and the cells apart. */
  moveCells = true,
): Promise<'written' | 'unchanged'> {
  const key = partsKey(r);
  for (let attempt = 0; attempt < attemptsPerCell; attempt += 1) {
    // The applied parts before the record: a writer that changes both in between bumps the
    // parts' version, and this write is refused and read again.
    const applied = await rollupPartsAt(deps.db, key);
    const parts = await currentParts(deps, r, contractOf);
    const before = applied?.parts ?? [];
    if (canonical(before) === canonical(parts)) return 'unchanged';
    const totals = (ps: readonly RollupPart[]) => ps.flatMap((p) => (p.total ? [p.total] : []));
    const moved = await moveRollupParts(deps.db, {
      key,
      hospitalId: r.hospitalId,
      parts,
      expectedVersion: applied ? applied.version : null,
      cells: moveCells
        ? differences(before, parts).map((c) => ({
            key: c.key,
            cell: c.cell,
            add: c.add,
            ...(c.detail ? { detail: c.detail } : {}),
          }))
        : [],
      totals: moveCells ? differences(totals(before), totals(parts)) : [],
      at: deps.clock.now().toISOString(),
    });
    if (moved) return 'written';
  }
  throw new Error(`rollup parts ${key.sk}: other writers kept coming first`);
}

/** Applies records, each once: a hospital's one after another (they share cells), a few hospitals at once. */
async function applyRecords(
  deps: Deps,
  records: readonly CountedRecord[],
  moveCells = true,
): Promise<{ written: number; unchanged: number; none: number }> {
  const out = { written: 0, unchanged: 0, none: 0 };
  const byHospital = new Map<string, Map<string, CountedRecord>>();
  for (const r of records) {
    const mine = byHospital.get(r.hospitalId) ?? new Map<string, CountedRecord>();
    mine.set(recordKey(r).sk, r);
    byHospital.set(r.hospitalId, mine);
  }
  const contractOf = contractReader(deps);
  await mapBounded([...byHospital.values()], hospitalsAtOnce, async (mine) => {
    for (const r of mine.values()) out[await applyRecord(deps, r, contractOf, moveCells)] += 1;
  });
  return out;
}

/**
 * Keeps the rollups of one stream batch: each ticket and ledger entry the batch changed (and the
 * ticket of each entry) moves its cells by what its parts changed. Reads a few items per record,
 * whatever the hospital holds; a retried batch finds its parts applied and writes nothing.
 */
export function makeApplyRollupStream(deps: Deps) {
  return async (changes: readonly StreamImages[]) => {
    const out = await applyRecords(
      deps,
      changes.flatMap((c) => [...recordsOfImage(c.oldImage), ...recordsOfImage(c.newImage)]),
    );
    // After the records: a contract's term or a hospital's removal re-files what they counted.
    // Each hospital whose scope changed is rebuilt once, however many of its contracts changed.
    const scope = changes.flatMap((c) => scopeChangeOf(c) ?? []);
    const add = (run: { written: number; unchanged: number }) => {
      out.written += run.written;
      out.unchanged += run.unchanged;
    };
    for (const change of scope) add(await emptyWhatWasFiled(deps, change));
    for (const hospitalId of new Set(scope.map((c) => c.hospitalId)))
      add(await rebuildIfServed(deps, hospitalId));
    return out;
  };
}

/**
 * A change the records' parts do not follow: a contract's term set, moved or removed (with the
 * contract) decides which quarter its tickets and deductions fall in and under which day the
 * vendor's totals file them; a hospital removed leaves the totals, and one restored comes back.
 */
export type ScopeChange =
  | {
      kind: 'contract';
      hospitalId: string;
      /** The contract in force before the change (undefined if new or removed then). */
      before: ContractRecord | undefined;
    }
  | { kind: 'hospital'; hospitalId: string; removed: boolean };

/** The scope change a contract's or a hospital's stream images carry, if any. */
export function scopeChangeOf(change: StreamImages): ScopeChange | undefined {
  const item = change.newImage ?? change.oldImage;
  if (item?.itemType === 'Contract' && typeof item.hospitalId === 'string') {
    const live = (i: Record<string, unknown> | undefined) =>
      i && !i.deletedAt ? (i as unknown as ContractRecord) : undefined;
    const term = (c: ContractRecord | undefined) => (c ? canonical(c.terms.term) : null);
    const before = live(change.oldImage);
    if (term(before) === term(live(change.newImage))) return undefined;
    return { kind: 'contract', hospitalId: item.hospitalId, before };
  }
  if (item?.itemType === 'Hospital' && typeof item.id === 'string') {
    const removed = (i: Record<string, unknown> | undefined) => !i || !!i.deletedAt;
    if (removed(change.oldImage) === removed(change.newImage)) return undefined;
    return { kind: 'hospital', hospitalId: item.id, removed: removed(change.newImage) };
  }
  return undefined;
}

const noRecords = (): HospitalRecords => ({ tickets: [], ledger: [] });

/**
 * The first half of re-filing a hospital's figures after a scope change: the cells that the
 * contract's quarter before the change, or a removed hospital, added to the vendor's totals are
 * emptied, taking their figures out of the totals under the day they were filed by.
 */
async function emptyWhatWasFiled(
  deps: Deps,
  change: ScopeChange,
): Promise<{ written: number; unchanged: number }> {
  const out = { written: 0, unchanged: 0 };
  const empty = async (cells: readonly ResolvedCell[]) => {
    for (const r of cells) {
      const stored = await rollupAt(deps.db, r.key);
      const outcome = await refreshResolvedCell(deps, r, { stored, records: noRecords() }, () =>
        Promise.resolve(noRecords()),
      );
      if (outcome !== 'none') out[outcome] += 1;
    }
  };
  if (change.kind === 'hospital' && change.removed) {
    const cells = await resolveCells(deps, await cellsOfHospital(deps, change.hospitalId));
    await empty(cells.filter((r): r is ResolvedCell => r !== null));
  } else if (change.kind === 'contract' && change.before) {
    // Every quarter of the term before, but one the contract as stored now still has, same
    // index and days: the rebuild that follows sets those, and the summary need not see them
    // empty in between.
    const now = await contractById(deps.db, change.hospitalId, change.before.id);
    const kept = new Set(
      now && !now.deletedAt
        ? quarterPeriods(now.terms.term).map((p) => `${p.index}|${p.startsOn}|${p.endsOn}`)
        : [],
    );
    const before = change.before;
    await empty(
      quarterPeriods(before.terms.term)
        .filter((p) => !kept.has(`${p.index}|${p.startsOn}|${p.endsOn}`))
        .map((p) => contractCell(before, p.startsOn))
        .filter((r): r is ResolvedCell => r !== null),
    );
  }
  return out;
}

/**
 * The second half: a hospital still served is rebuilt from source, its records' parts included,
 * as `weibao rollups rebuild --hospital` does; a removed one stays emptied.
 */
async function rebuildIfServed(
  deps: Deps,
  hospitalId: string,
): Promise<{ written: number; unchanged: number }> {
  const hospital = await hospitalById(deps.db, hospitalId);
  if (!hospital || hospital.deletedAt) return { written: 0, unchanged: 0 };
  return makeRebuildRollups(deps)({ hospitalId });
}

/**
 * `weibao rollups rebuild`: recomputes every cell the overview and the deduction summary show (the
 * last four calendar quarters, every quarter of each contract in force, open counts) of one
 * hospital or all, from source.
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
      // Every record's parts set from source (without moving the cells), then the cells the
      // overview and the summary show set to a full recompute of the records: the parts add up to the cells
      // again, and a cell deleted or wrong is mended. Each reads what it guards first, so a
      // stream change in between makes it read again rather than undo the change.
      const records = await allRecordsOfHospital(deps, hospitalId);
      await applyRecords(
        deps,
        [
          ...records.tickets.map((t): CountedRecord => ({
            kind: 'ticket',
            hospitalId,
            ticketId: t.id,
          })),
          ...records.ledger.map((e): CountedRecord => ({
            kind: 'entry',
            hospitalId,
            contractId: e.contractId,
            entryId: e.id,
          })),
        ],
        false,
      );
      const run = await refreshRollupCells(deps, await cellsOfHospital(deps, hospitalId));
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
 * deductions of every contract quarter by the day it ends; a total item of a day that no quarter
 * ends on any more is set to zero.
 */
async function resetTotals(deps: Deps, hospitals: readonly string[]): Promise<void> {
  const wanted = new Map<string, { key: RollupKey; values: Record<string, number> }>();
  const add = (key: RollupKey, values: Record<string, number>) => {
    const id = `${key.pk}|${key.sk}`;
    const held = wanted.get(id)?.values ?? {};
    for (const [k, v] of Object.entries(values)) held[k] = (held[k] ?? 0) + v;
    wanted.set(id, { key, values: held });
  };
  for (let shard = 0; shard < rollupTotalShards; shard += 1)
    add(keys.rollupTotal('OPEN', shard), { fatal: 0, serious: 0, minor: 0 });
  for (const hospitalId of hospitals) {
    const resolved = (await resolveCells(deps, await cellsOfHospital(deps, hospitalId))).filter(
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
    for (const item of await rollupTotalItems(deps.db, shard, ''))
      if (!wanted.has(`${item.pk}|${item.sk}`))
        add({ pk: item.pk, sk: item.sk }, { deductionsFen: 0 });
  for (const { key, values } of wanted.values()) await setRollupTotal(deps.db, key, values);
}

const noOpen = (): OpenRollupFigures => ({ fatal: 0, serious: 0, minor: 0 });
const noFigures = (): RollupFigures => figuresOf(undefined);
