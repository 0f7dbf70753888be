import type { Severity } from '../contract.ts';
import type { DeductionEntry } from '../deductions/deduction-entry.ts';
import type { ReportFigures } from './report-figures.ts';

/** The tickets behind each count of a report, so an evaluator can open every one of them. */
export interface FigureTickets {
  lateResponses: string[];
  vendorFaultsWithoutNotice: Record<Severity, string[]>;
}

const unique = (ids: string[]) => [...new Set(ids)];

/** The ticket ids of the entries a report's figures were made from, per count. */
export function ticketsBehindFigures(
  figures: Pick<ReportFigures, 'entryIds'>,
  entries: readonly DeductionEntry[],
): FigureTickets {
  const ids = new Set(figures.entryIds);
  const used = entries.filter((e) => ids.has(e.id));
  const faults = (severity: Severity) =>
    unique(
      used
        .filter((e) => e.trigger === 'vendor-fault-without-notice' && e.severity === severity)
        .map((e) => e.ticketId),
    );
  return {
    lateResponses: unique(used.filter((e) => e.trigger === 'late-response').map((e) => e.ticketId)),
    vendorFaultsWithoutNotice: {
      fatal: faults('fatal'),
      serious: faults('serious'),
      minor: faults('minor'),
    },
  };
}
