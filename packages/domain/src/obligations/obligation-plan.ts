import { CalendarYearNotPublishedError } from '../calendar/calendar-errors.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { ContractTerms, ObligationRule } from '../contract.ts';
import { invoiceableFrom } from '../payments/invoiceable-from.ts';
import { servicePeriods } from '../service-periods.ts';
import { cadenceMonths } from './cadence.ts';

export type ObligationKind = ObligationRule['kind'] | 'payment';

/** One dated duty of the vendor with its proof; the store keeps its state (open, done, overdue). */
export interface PlannedObligation {
  /** Stable across re-planning, e.g. inspection-2 or payment-progress. */
  id: string;
  kind: ObligationKind;
  /** 1-based number of the period within the term. */
  sequence: number;
  owner: ObligationRule['owner'];
  proof: string;
  sourceText: string;
  reading: string | null;
  /** For a payment obligation, the milestone to invoice. */
  milestoneId: string | null;
  period: { startsOn: string; endsOn: string };
  /** The last day of the period (Reading: a period's work is due when the period ends). */
  nominalDueOn: string;
  /** The nominal date moved to the next working day (顺延); null while that year is unpublished. */
  dueOn: string | null;
  /** Why dueOn is null: the year whose holidays are not yet known, and how to add it. */
  calendarGap: { year: number; coverage: string; message: string } | null;
}

function dueDates(
  nominalDueOn: string,
  calendar: WorkingDayCalendar,
): Pick<PlannedObligation, 'dueOn' | 'calendarGap'> {
  try {
    return { dueOn: calendar.nextWorkingDayOnOrAfter(nominalDueOn), calendarGap: null };
  } catch (err) {
    if (!(err instanceof CalendarYearNotPublishedError)) throw err;
    // Flag this one obligation rather than fail the whole plan: the rest stays usable.
    return {
      dueOn: null,
      calendarGap: { year: err.year, coverage: err.coverage, message: err.message },
    };
  }
}

/**
 * Every dated obligation of a contract: each obligation rule once per period of its cadence,
 * counted from the term's start, due on the period's last day; and each payment milestone, to be
 * invoiced on the first day it may be. A due date on a day off moves to the next working day of
 * the contract's calendar. Sorted by nominal due date.
 */
export function planObligations(
  terms: Pick<ContractTerms, 'signedOn' | 'term' | 'obligations' | 'paymentMilestones'>,
  calendar: WorkingDayCalendar,
): PlannedObligation[] {
  const fromRules = terms.obligations.flatMap((rule) =>
    servicePeriods(terms.term, cadenceMonths(rule.cadence, terms.term)).map(
      (p): PlannedObligation => ({
        id: `${rule.kind}-${p.index}`,
        kind: rule.kind,
        sequence: p.index,
        owner: rule.owner,
        proof: rule.proof,
        sourceText: rule.sourceText,
        reading: rule.reading ?? null,
        milestoneId: null,
        period: { startsOn: p.startsOn, endsOn: p.endsOn },
        nominalDueOn: p.endsOn,
        ...dueDates(p.endsOn, calendar),
      }),
    ),
  );
  const payments = terms.paymentMilestones.map((m, i): PlannedObligation => {
    const from = invoiceableFrom(terms, m);
    return {
      id: `payment-${m.id}`,
      kind: 'payment',
      sequence: i + 1,
      owner: 'service-manager',
      proof: '开具的税票及甲方签收记录',
      sourceText: m.sourceText,
      reading: null,
      milestoneId: m.id,
      period: { startsOn: from, endsOn: from },
      nominalDueOn: from,
      ...dueDates(from, calendar),
    };
  });
  return [...fromRules, ...payments].sort(
    (a, b) => a.nominalDueOn.localeCompare(b.nominalDueOn) || a.id.localeCompare(b.id),
  );
}
