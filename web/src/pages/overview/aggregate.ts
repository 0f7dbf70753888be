import { calendarQuarterOf } from '../../sla/quarters.ts';

interface TicketFacts {
  hospitalId: string;
  kind: string;
  reportedAt: string;
  slaMarks: readonly string[];
}

export interface ComplianceCell {
  hospitalId: string;
  quarter: string;
  faults: number;
  breached: number;
  /** Whole basis points of fault tickets with no clock breached; null without faults. */
  compliantBp: number | null;
}

const breachedTicket = (t: TicketFacts) => t.slaMarks.some((m) => m.endsWith(':breach'));

/**
 * SLA compliance per hospital and calendar quarter (Asia/Shanghai) of the report: the share of
 * fault reports none of whose clocks breached. Integer basis points, rounded down, so 99.99%
 * never shows as 100%.
 */
export function complianceByHospitalQuarter(
  tickets: readonly TicketFacts[],
  since: string,
): ComplianceCell[] {
  const cells = new Map<string, ComplianceCell>();
  for (const t of tickets) {
    if (t.kind !== 'fault' || t.reportedAt < since) continue;
    const quarter = calendarQuarterOf(t.reportedAt);
    const key = `${t.hospitalId}#${quarter}`;
    const cell = cells.get(key) ?? {
      hospitalId: t.hospitalId,
      quarter,
      faults: 0,
      breached: 0,
      compliantBp: null,
    };
    cell.faults += 1;
    if (breachedTicket(t)) cell.breached += 1;
    cells.set(key, cell);
  }
  return [...cells.values()]
    .map((c) => ({ ...c, compliantBp: Math.floor(((c.faults - c.breached) * 10_000) / c.faults) }))
    .sort((a, b) => a.quarter.localeCompare(b.quarter) || a.hospitalId.localeCompare(b.hospitalId));
}

/** Breached fault tickets per hospital reported on or after `since`. */
export function breachesByHospital(
  tickets: readonly TicketFacts[],
  since: string,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of tickets) {
    if (t.kind === 'fault' && t.reportedAt >= since && breachedTicket(t)) {
      out.set(t.hospitalId, (out.get(t.hospitalId) ?? 0) + 1);
    }
  }
  return out;
}

interface SummaryRow {
  hospitalId: string;
  quarter: number;
  entries: number;
  amountFen: number;
  disputedFen: number;
}

/** Standing deductions per hospital, all its contracts and quarters together, in fen. */
export function deductionsByHospital(
  rows: readonly SummaryRow[],
): Map<string, { amountFen: number; entries: number }> {
  const out = new Map<string, { amountFen: number; entries: number }>();
  for (const r of rows) {
    const sum = out.get(r.hospitalId) ?? { amountFen: 0, entries: 0 };
    sum.amountFen += r.amountFen;
    sum.entries += r.entries;
    out.set(r.hospitalId, sum);
  }
  return out;
}

/** Standing deductions per hospital and contract quarter, for the chart's series. */
export function deductionsByHospitalQuarter(
  rows: readonly SummaryRow[],
): Map<number, Map<string, number>> {
  const out = new Map<number, Map<string, number>>();
  for (const r of rows) {
    const q = out.get(r.quarter) ?? new Map<string, number>();
    q.set(r.hospitalId, (q.get(r.hospitalId) ?? 0) + r.amountFen);
    out.set(r.quarter, q);
  }
  return new Map([...out].sort((a, b) => a[0] - b[0]));
}
