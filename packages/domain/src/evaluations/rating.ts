import type { ContractTerms } from '../contract.ts';
import { wholeBp } from '../basis-points.ts';

/** 优秀 / 良好 / 合格 / 不合格, best first. */
export const ratings = ['excellent', 'good', 'qualified', 'unqualified'] as const;
export type Rating = (typeof ratings)[number];

export const ratingNamesZh: Record<Rating, string> = {
  excellent: '优秀',
  good: '良好',
  qualified: '合格',
  unqualified: '不合格',
};

export type RatingThresholds = Pick<
  ContractTerms['evaluation'],
  'excellentBp' | 'goodBp' | 'qualifiedBp'
>;

/** 服务效果抽查: how many samples were checked and how many passed. */
export interface SpotChecks {
  sampled: number;
  passed: number;
}

function assertCounts({ sampled, passed }: SpotChecks): void {
  const whole = (n: number) => Number.isSafeInteger(n) && n >= 0;
  if (!whole(sampled) || !whole(passed) || passed > sampled) {
    throw new RangeError(`spot checks need 0 ≤ passed ≤ sampled, got ${passed} of ${sampled}`);
  }
}

/** passed/sampled ≥ thresholdBp/10000, compared as integers so 9 of 10 is exactly 90%. */
function reaches({ sampled, passed }: SpotChecks, thresholdBp: number): boolean {
  return BigInt(passed) * BigInt(wholeBp) >= BigInt(thresholdBp) * BigInt(sampled);
}

/**
 * 服务效果抽查合格率: 达到100%为优秀，≥90%为良好，≥80%为合格，＜80%为不合格. A period with no
 * sample found nothing wrong, so it reaches every threshold (see docs/rules.md, Reading).
 */
export function ratingFromSpotChecks(checks: SpotChecks, thresholds: RatingThresholds): Rating {
  assertCounts(checks);
  if (reaches(checks, thresholds.excellentBp)) return 'excellent';
  if (reaches(checks, thresholds.goodBp)) return 'good';
  if (reaches(checks, thresholds.qualifiedBp)) return 'qualified';
  return 'unqualified';
}

export function worseRating(a: Rating, b: Rating): Rating {
  return ratings.indexOf(a) >= ratings.indexOf(b) ? a : b;
}

/** 合格及以上: what the progress and final payments and a renewal require. */
export function isQualifiedOrBetter(rating: Rating): boolean {
  return rating !== 'unqualified';
}
