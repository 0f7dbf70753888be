import type { ContractTerms, ObligationRule } from '../contract.ts';
import { daysBetween } from '../dates.ts';

/** Months per period of a cadence; end-of-term is one period spanning the whole term. */
export function cadenceMonths(
  cadence: ObligationRule['cadence'],
  term: ContractTerms['term'],
): number {
  switch (cadence) {
    case 'monthly':
      return 1;
    case 'quarterly':
      return 3;
    case 'half-yearly':
      return 6;
    case 'yearly':
      return 12;
    case 'end-of-term':
      // Longer than any term, so servicePeriods yields one period clipped to the term's end.
      return Math.ceil(daysBetween(term.startsOn, term.endsOn) / 28) + 1;
  }
}
