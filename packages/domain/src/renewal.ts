import type { ContractTerms } from './contract.ts';
import { addDays, addMonthsToDate, dayAfter, dayBefore, daysBetween, yearOf } from './dates.ts';
import { isQualifiedOrBetter, type Rating } from './evaluations/rating.ts';

export type RenewalEligibility =
  | { eligible: true; renewalNumber: number }
  | {
      eligible: false;
      reasons: {
        code: 'annual-evaluation-missing' | 'annual-evaluation-unqualified' | 'limit-reached';
        message: string;
      }[];
    };

/**
 * 如考评结果合格，甲乙双方无异议可参照上一年度条款续签服务合同，最多可续签2次: renewable when the
 * annual evaluation is qualified or better and fewer than `renewal.limit` renewals were made.
 */
export function renewalEligibility(
  terms: Pick<ContractTerms, 'renewal'>,
  annualEvaluation: Rating | null,
): RenewalEligibility {
  const reasons: Extract<RenewalEligibility, { eligible: false }>['reasons'] = [];
  if (annualEvaluation === null) {
    reasons.push({ code: 'annual-evaluation-missing', message: '年度服务评价尚未完成' });
  } else if (!isQualifiedOrBetter(annualEvaluation)) {
    reasons.push({ code: 'annual-evaluation-unqualified', message: '年度服务评价不合格' });
  }
  if (terms.renewal.count >= terms.renewal.limit) {
    reasons.push({
      code: 'limit-reached',
      message: `已续签${terms.renewal.count}次，最多可续签${terms.renewal.limit}次`,
    });
  }
  return reasons.length
    ? { eligible: false, reasons }
    : { eligible: true, renewalNumber: terms.renewal.count + 1 };
}

/** Whole months the term spans (start to the day before start + n months), or null. */
function wholeMonths(term: ContractTerms['term']): number | null {
  const [y1, m1] = [yearOf(term.startsOn), Number(term.startsOn.slice(5, 7))];
  const [y2, m2] = [yearOf(term.endsOn), Number(term.endsOn.slice(5, 7))];
  const guess = (y2 - y1) * 12 + (m2 - m1);
  for (const n of [guess, guess + 1]) {
    if (n > 0 && dayBefore(addMonthsToDate(term.startsOn, n)) === term.endsOn) return n;
  }
  return null;
}

/**
 * The renewed term starts the day after the old one ends and is as long: the same number of
 * months when the old term was whole months (so a year stays a year across 29 February), else
 * the same number of days.
 */
export function renewedTerm(term: ContractTerms['term']): ContractTerms['term'] {
  const startsOn = dayAfter(term.endsOn);
  const months = wholeMonths(term);
  const endsOn =
    months === null
      ? addDays(startsOn, daysBetween(term.startsOn, term.endsOn))
      : dayBefore(addMonthsToDate(startsOn, months));
  return { startsOn, endsOn };
}

/**
 * 参照上一年度条款续签: the same terms on the renewed term, signed on `signedOn`. Throws when the
 * renewal limit is reached; check renewalEligibility first for the evaluation.
 */
export function renewContract(terms: ContractTerms, signedOn: string): ContractTerms {
  if (terms.renewal.count >= terms.renewal.limit) {
    throw new RangeError(`the contract was renewed ${terms.renewal.count} times, the limit`);
  }
  return {
    ...structuredClone(terms),
    signedOn,
    term: renewedTerm(terms.term),
    renewal: { ...terms.renewal, count: terms.renewal.count + 1 },
  };
}
