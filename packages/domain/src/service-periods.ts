import type { ContractTerms } from './contract.ts';
import { addMonthsToDate, dayBefore, earlierDate } from './dates.ts';

export interface ServicePeriod {
  /** 1-based: quarter 1 is the first three months of the term. */
  index: number;
  startsOn: string;
  endsOn: string;
}

type Term = ContractTerms['term'];

/**
 * The term cut into periods of `months` counted from its start date (服务期每三个月), not calendar
 * quarters; each boundary is counted from the start so month-end clamping never drifts. A term
 * that is not a whole multiple ends with a shorter period.
 */
export function servicePeriods(term: Term, months: number): ServicePeriod[] {
  if (!Number.isSafeInteger(months) || months <= 0) {
    throw new RangeError(`a period is a positive number of months, got ${months}`);
  }
  const periods: ServicePeriod[] = [];
  for (let k = 0; ; k += 1) {
    const startsOn = addMonthsToDate(term.startsOn, k * months);
    if (startsOn > term.endsOn) break;
    const endsOn = earlierDate(
      dayBefore(addMonthsToDate(term.startsOn, (k + 1) * months)),
      term.endsOn,
    );
    periods.push({ index: k + 1, startsOn, endsOn });
  }
  return periods;
}

/** The quarters of a contract, from its start date: one 维保服务评价报告 each. */
export function quarterPeriods(term: Term): ServicePeriod[] {
  return servicePeriods(term, 3);
}

/** The period a date falls in, or null outside the term. */
export function periodContaining(
  periods: readonly ServicePeriod[],
  date: string,
): ServicePeriod | null {
  return periods.find((p) => p.startsOn <= date && date <= p.endsOn) ?? null;
}
