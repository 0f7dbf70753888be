import { missingCalendarYear, type MissingCalendarYear } from '../calendar/calendar-years.ts';
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
  allPages,
  allHospitals,
  contractsOfHospital,
  hospitalById,
  ledgerOfContract,
  ledgerAcrossHospitalsBetween,
  openTicketsByNextDeadline,
  ticketsOfHospital,
  type ContractRecord,
  type HospitalRecord,
  type LedgerEntryRecord,
  type Page,
  type TicketRecord,
} from '@weibao/store';
import { entryStands } from '../ledger/ledger-use-cases.ts';
import type { Deps } from '../ports.ts';
import { notFound } from '../errors.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { mapBounded } from '../bounded-map.ts';

const hospitalsAtOnce = 8;

/** A calendar quarter in Asia/Shanghai: 2026Q4 from 2026-10-01 to 2026-12-31. */
export interface CalendarQuarter {
  label: string;
  from: string;
  to: string;
}

/** The quarter holding `date` (YYYY-MM-DD) and the `count - 1` before it, oldest first. */
export function calendarQuarters(date: string, count: number): CalendarQuarter[] {
  const year = Number(date.slice(0, 4));
  const index = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
  const out: CalendarQuarter[] = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    const n = year * 4 + index - back;
    const y = Math.floor(n / 4);
    const q = n % 4;
    const lastDay = ['03-31', '06-30', '09-30', '12-31'][q];
    out.push({
      label: `${y}Q${q + 1}`,
      from: `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`,
      to: `${y}-${lastDay}`,
    });
  }
  return out;
}

export interface QuarterFigures {
  quarter: string;
  /**
   * Fault reports of the quarter, and those late (超时): an SLA clock breached, or a late-response
   * deduction in the ledger that stands. One verdict per ticket feeds both 超时次数 and 达标率.
   */
  faults: number;
  breached: number;
  /** Whole basis points of faults on time (not late as above), rounded down; null without faults. */
  compliantBp: number | null;
  /** Deductions of faults reported in the quarter that stand (no dispute upheld), and the rest. */
  deductionsFen: number;
  deductionEntries: number;
  withdrawnFen: number;
}

/**
 * The figures of a contract's current quarter (服务期每三个月, counted from its start): the quarter
 * its evaluation, deliverables and 扣款明细 use, not the calendar's.
 */
export interface ContractQuarterFigures extends Omit<QuarterFigures, 'quarter'> {
  contractId: string;
  contractName: string;
  /** 1-based: 第1季度 is the first three months of the term. */
  index: number;
  startsOn: string;
  endsOn: string;
}

export interface HospitalOverview {
  hospitalId: string;
  name: string;
  open: Record<Severity, number>;
  /** By calendar quarter (自然季度), for the charts that compare hospitals side by side. */
  quarters: QuarterFigures[];
  /** The current quarter of each contract in force today, oldest contract first. */
  contractQuarters: ContractQuarterFigures[];
}

export interface VendorOverview {
  at: string;
  quarters: CalendarQuarter[];
  /** One page of the hospitals the caller sees. */
  hospitals: HospitalOverview[];
  /** The next page's cursor, or null on the last page. */
  next: string | null;
  /** Open tickets by severity of every hospital the caller sees, not only the page's. */
  open: Record<Severity, number>;
  /** Standing deductions of every contract's current quarter, every hospital the caller sees. */
  currentQuarterFen: number;
  /**
   * A year of public holidays the calendar lacks while contracts reach into it (from 1 October
   * the next one): due dates in it wait until a vendor admin enters it.
   */
  calendarMissing?: MissingCalendarYear | null;
}

const breachedTicket = (t: Pick<TicketRecord, 'slaMarks'>) =>
  t.slaMarks.some((m) => m.endsWith(':breach'));

type OverviewLedgerEntry = Pick<
  LedgerEntryRecord,
  'hospitalId' | 'ticketId' | 'trigger' | 'reportedAt' | 'amountFen' | 'disputes'
> &
  Partial<Pick<LedgerEntryRecord, 'contractId'>>;

/**
 * The one verdict on a fault for the overview: late (超时) when an SLA clock breached or the ledger
 * holds a standing late-response deduction for it. A serious fault answered after 61 minutes
 * breaks no 2-hour target but costs 1%, so it is not on time either: the figures then agree with
 * the money beside them.
 */
export function lateFaults(
  tickets: readonly Pick<TicketRecord, 'hospitalId' | 'id' | 'slaMarks'>[],
  ledger: readonly OverviewLedgerEntry[],
): Set<string> {
  const key = (hospitalId: string, ticketId: string) => `${hospitalId}#${ticketId}`;
  const late = new Set(
    ledger
      .filter((e) => e.trigger === 'late-response' && entryStands(e as LedgerEntryRecord))
      .map((e) => key(e.hospitalId, e.ticketId)),
  );
  for (const t of tickets) if (breachedTicket(t)) late.add(key(t.hospitalId, t.id));
  return late;
}

/**
 * Figures per hospital and calendar quarter (by report date, Asia/Shanghai): SLA compliance of
 * fault reports and the deductions booked for them. Pure: the caller reads the records.
 */
export function aggregateVendorOverview(input: {
  at: string;
  quarters: CalendarQuarter[];
  hospitals: readonly Pick<HospitalRecord, 'id' | 'name'>[];
  /** The hospitals' contracts; those whose term holds `at`'s date get their current quarter. */
  contracts?: readonly Pick<ContractRecord, 'hospitalId' | 'id' | 'terms'>[];
  tickets: readonly Pick<
    TicketRecord,
    'hospitalId' | 'id' | 'kind' | 'reportedAt' | 'slaMarks' | 'contractId'
  >[];
  openTickets: readonly Pick<TicketRecord, 'hospitalId' | 'severity'>[];
  ledger: readonly OverviewLedgerEntry[];
}): Omit<VendorOverview, 'next' | 'open'> {
  const quarterOf = (iso: string) => {
    const day = shanghaiDateOf(iso);
    return input.quarters.find((q) => q.from <= day && day <= q.to)?.label;
  };
  const byHospital = new Map<string, HospitalOverview>();
  for (const h of input.hospitals) {
    byHospital.set(h.id, {
      hospitalId: h.id,
      name: h.name,
      open: { fatal: 0, serious: 0, minor: 0 },
      quarters: input.quarters.map((q) => ({ quarter: q.label, ...noFigures() })),
      contractQuarters: [],
    });
  }
  const today = shanghaiDateOf(input.at);
  for (const c of input.contracts ?? []) {
    const h = byHospital.get(c.hospitalId);
    const period = periodContaining(quarterPeriods(c.terms.term), today);
    if (!h || !period) continue;
    h.contractQuarters.push({
      contractId: c.id,
      contractName: c.terms.name,
      index: period.index,
      startsOn: period.startsOn,
      endsOn: period.endsOn,
      ...noFigures(),
    });
  }
  const contractCell = (hospitalId: string, contractId: string | undefined, iso: string) => {
    const day = shanghaiDateOf(iso);
    return byHospital
      .get(hospitalId)
      ?.contractQuarters.find(
        (q) => q.contractId === contractId && q.startsOn <= day && day <= q.endsOn,
      );
  };
  const cell = (hospitalId: string, iso: string) => {
    const label = quarterOf(iso);
    return byHospital.get(hospitalId)?.quarters.find((q) => q.quarter === label);
  };
  for (const t of input.openTickets) {
    const h = byHospital.get(t.hospitalId);
    if (h) h.open[t.severity] += 1;
  }
  const late = lateFaults(input.tickets, input.ledger);
  for (const t of input.tickets) {
    if (t.kind !== 'fault') continue;
    const isLate = late.has(`${t.hospitalId}#${t.id}`);
    for (const c of [
      cell(t.hospitalId, t.reportedAt),
      contractCell(t.hospitalId, t.contractId, t.reportedAt),
    ]) {
      if (!c) continue;
      c.faults += 1;
      if (isLate) c.breached += 1;
    }
  }
  for (const e of input.ledger) {
    const stands = entryStands(e as LedgerEntryRecord);
    for (const c of [
      cell(e.hospitalId, e.reportedAt),
      contractCell(e.hospitalId, e.contractId, e.reportedAt),
    ]) {
      if (!c) continue;
      c.deductionEntries += 1;
      if (stands) c.deductionsFen += e.amountFen;
      else c.withdrawnFen += e.amountFen;
    }
  }
  const hospitals = [...byHospital.values()];
  for (const h of hospitals) {
    for (const q of [...h.quarters, ...h.contractQuarters]) {
      q.compliantBp = compliantBp(q);
    }
  }
  const currentQuarterFen = hospitals.reduce(
    (sum, h) => h.contractQuarters.reduce((s, q) => s + q.deductionsFen, sum),
    0,
  );
  return { at: input.at, quarters: input.quarters, hospitals, currentQuarterFen };
}

export function noFigures(): Omit<QuarterFigures, 'quarter'> {
  return {
    faults: 0,
    breached: 0,
    compliantBp: null,
    deductionsFen: 0,
    deductionEntries: 0,
    withdrawnFen: 0,
  };
}

async function everyPage<T>(
  what: string,
  read: (cursor: string | undefined) => Promise<Page<T>>,
  more: (page: Page<T>) => boolean = () => true,
): Promise<T[]> {
  return allPages((cursor) => mapStoreErrors(what, () => read(cursor)), more);
}

export function makeFullVendorOverview(deps: Deps) {
  /**
   * The overview recomputed from every record, all hospitals in one answer: the reference the
   * rollups are checked against (tests, and `weibao rollups rebuild`'s own rules). The vendor's
   * home reads rollups instead (overview-from-rollups.ts), whose cost does not grow with tickets.
   * Its figures for each contract's current quarter and the last four calendar quarters come
   * from Queries only: all hospitals (gsi1), the open-ticket queue (gsi1), each
   * hospital's contracts and its tickets by report time newest first until the window's start,
   * and the ledger across hospitals by report time (gsi1). A contract quarter lies within the
   * window: it began at most three months ago.
   */
  return async (
    hospitalLimit: readonly string[] | null = null,
  ): Promise<Omit<VendorOverview, 'next' | 'open'>> => {
    const now = deps.clock.now();
    // An engineer assigned to some hospitals sees the figures of those only.
    const visible = (hospitalId: string) => !hospitalLimit || hospitalLimit.includes(hospitalId);
    const quarters = calendarQuarters(shanghaiDateOf(now.toISOString()), 4);
    const since = toIsoInstant(startOfShanghaiDate(quarters[0]?.from ?? ''));
    const [hospitals, openTickets, ledger] = await Promise.all([
      everyPage('the hospitals', (cursor) =>
        allHospitals(deps.db, { limit: 100, ...(cursor ? { cursor } : {}) }),
      ),
      everyPage('the queue', (cursor) =>
        openTicketsByNextDeadline(deps.db, { limit: 200, ...(cursor ? { cursor } : {}) }),
      ),
      everyPage('the ledger', (cursor) =>
        ledgerAcrossHospitalsBetween(deps.db, since, toIsoInstant(now.getTime() + 1), {
          limit: 200,
          ...(cursor ? { cursor } : {}),
        }),
      ),
    ]);
    const shown = hospitals.filter((h) => visible(h.id));
    // A few hospitals at a time, not all at once (bounded-map.ts).
    const perHospital = await mapBounded(shown, hospitalsAtOnce, (h) =>
      Promise.all([
        everyPage(
          'the tickets',
          (cursor) =>
            ticketsOfHospital(deps.db, h.id, { limit: 200, ...(cursor ? { cursor } : {}) }),
          // Newest first: once a page reaches back past the window, older pages are not needed.
          (page) => (page.items[page.items.length - 1]?.reportedAt ?? '') >= since,
        ),
        everyPage('the contracts', (cursor) =>
          contractsOfHospital(deps.db, h.id, { limit: 100, ...(cursor ? { cursor } : {}) }),
        ),
      ]),
    );
    const contracts = perHospital.flatMap(([, contracts]) => contracts);
    const calendarMissing = await missingCalendarYear(
      deps,
      contracts,
      shanghaiDateOf(now.toISOString()),
    );
    return {
      ...aggregateVendorOverview({
        at: now.toISOString(),
        quarters,
        hospitals: shown,
        contracts,
        tickets: perHospital.flatMap(([tickets]) => tickets).filter((t) => t.reportedAt >= since),
        openTickets: openTickets.filter((t) => !t.deletedAt && visible(t.hospitalId)),
        ledger: ledger.filter((e) => visible(e.hospitalId)),
      }),
      calendarMissing,
    };
  };
}

/**
 * One hospital's figures of each contract's current quarter (服务期每三个月): faults, late ones,
 * 达标率 and standing deductions, as the vendor's overview counts them, for the hospital's own
 * home page. From Queries of that hospital only: its contracts, its tickets newest first back to
 * the start of the oldest current quarter, and each contract's ledger.
 */
export function makeHospitalQuarter(deps: Deps) {
  return async (hospitalId: string): Promise<{ contractQuarters: ContractQuarterFigures[] }> => {
    const hospital = await hospitalById(deps.db, hospitalId);
    if (!hospital || hospital.deletedAt) throw notFound('the hospital');
    const now = deps.clock.now();
    const today = shanghaiDateOf(now.toISOString());
    const contracts = (
      await everyPage('the contracts', (cursor) =>
        contractsOfHospital(deps.db, hospitalId, { limit: 100, ...(cursor ? { cursor } : {}) }),
      )
    ).filter((c) => !c.deletedAt);
    const current = contracts.flatMap((c) => {
      const q = periodContaining(quarterPeriods(c.terms.term), today);
      return q ? [{ contract: c, startsOn: q.startsOn }] : [];
    });
    if (current.length === 0) return { contractQuarters: [] };
    const since = toIsoInstant(
      startOfShanghaiDate(current.map((c) => c.startsOn).sort()[0] ?? today),
    );
    const [tickets, ledgers] = await Promise.all([
      everyPage(
        'the tickets',
        (cursor) =>
          ticketsOfHospital(deps.db, hospitalId, { limit: 200, ...(cursor ? { cursor } : {}) }),
        (page) => (page.items[page.items.length - 1]?.reportedAt ?? '') >= since,
      ),
      Promise.all(
        current.map(({ contract }) =>
          everyPage('the ledger', (cursor) =>
            ledgerOfContract(deps.db, hospitalId, contract.id, {
              limit: 200,
              ...(cursor ? { cursor } : {}),
            }),
          ),
        ),
      ),
    ]);
    const overview = aggregateVendorOverview({
      at: now.toISOString(),
      quarters: [],
      hospitals: [hospital],
      contracts: current.map((c) => c.contract),
      tickets: tickets.filter((t) => t.reportedAt >= since && !t.deletedAt),
      openTickets: [],
      ledger: ledgers.flat(),
    });
    return { contractQuarters: overview.hospitals[0]?.contractQuarters ?? [] };
  };
}
