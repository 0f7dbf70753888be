import type { ContractTerms, PaymentMilestone } from '../contract.ts';
import { addMonthsToDate, dayAfter } from '../dates.ts';

/**
 * The first day a milestone may be invoiced: 合同签订完毕 (the signing day), 服务期满6个月 (the day
 * after six months of service), 合同约定的服务期满后 (the day after the term ends).
 */
export function invoiceableFrom(
  terms: Pick<ContractTerms, 'signedOn' | 'term'>,
  milestone: Pick<PaymentMilestone, 'invoiceableWhen'>,
): string {
  const when = milestone.invoiceableWhen;
  switch (when.kind) {
    case 'signed':
      return terms.signedOn;
    case 'after-months':
      return addMonthsToDate(terms.term.startsOn, when.months);
    case 'term-end':
      return dayAfter(terms.term.endsOn);
  }
}
