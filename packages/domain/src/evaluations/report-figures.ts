import type { ContractTerms, Severity } from '../contract.ts';
import type { DeductionEntry } from '../deductions/deduction-entry.ts';
import { sumFen } from '../deductions/deductions.ts';
import { quarterPeriods, type ServicePeriod } from '../service-periods.ts';
import { shanghaiDateOf } from '../time/instant.ts';

/** The figures a 维保服务评价报告 shows, filled from the ledger rather than typed by hand. */
export interface ReportFigures {
  period: ServicePeriod;
  /** 服务响应效率：大于1小时次数 */
  lateResponses: number;
  lateResponseDeductionFen: number;
  /** 因乙方未提前通知导致甲方系统故障：故障次数, by severity */
  vendorFaultsWithoutNotice: Record<Severity, number>;
  vendorFaultDeductionFen: number;
  totalDeductionFen: number;
  /** The ledger entries behind the figures, so evaluators can check each one. */
  entryIds: string[];
}

/** Entries fall in the period their fault was reported in (Asia/Shanghai date). */
export function reportFigures(
  period: ServicePeriod,
  entries: readonly DeductionEntry[],
): ReportFigures {
  const inPeriod = entries.filter((e) => {
    const day = shanghaiDateOf(e.reportedAt);
    return period.startsOn <= day && day <= period.endsOn;
  });
  const late = inPeriod.filter((e) => e.trigger === 'late-response');
  const faults = inPeriod.filter((e) => e.trigger === 'vendor-fault-without-notice');
  const count = (severity: Severity) => faults.filter((e) => e.severity === severity).length;
  return {
    period,
    // One late ticket is one occurrence even if two rules (e.g. per severity) booked it.
    lateResponses: new Set(late.map((e) => e.ticketId)).size,
    lateResponseDeductionFen: sumFen(late),
    vendorFaultsWithoutNotice: {
      fatal: count('fatal'),
      serious: count('serious'),
      minor: count('minor'),
    },
    vendorFaultDeductionFen: sumFen(faults),
    totalDeductionFen: sumFen(inPeriod),
    entryIds: inPeriod.map((e) => e.id),
  };
}

/** One set of figures per quarter of the contract, from its start date. */
export function quarterReportFigures(
  terms: Pick<ContractTerms, 'term'>,
  entries: readonly DeductionEntry[],
): ReportFigures[] {
  return quarterPeriods(terms.term).map((q) => reportFigures(q, entries));
}

/** The annual report's figures: the whole term as one period. */
export function termReportFigures(
  terms: Pick<ContractTerms, 'term'>,
  entries: readonly DeductionEntry[],
): ReportFigures {
  return reportFigures({ index: 1, ...terms.term }, entries);
}
