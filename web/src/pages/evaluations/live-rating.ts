import { sectionRating, type SectionRating } from '@weibao/domain/evaluations/evaluation-rating';
import { worseRating, type Rating, type RatingThresholds } from '@weibao/domain/evaluations/rating';

/** What an evaluator has typed so far: a field may still be empty. */
export interface PartDraft {
  sampled?: number | null;
  passed?: number | null;
  adverseEvents?: number | null;
}

export type LiveSection =
  | { state: 'rated'; rating: SectionRating; passRateBp: number | null }
  | { state: 'incomplete' }
  | { state: 'passed-exceeds-sampled' };

const isCount = (n: number | null | undefined): n is number =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/**
 * The section's rating as the evaluator types, by the domain's own rule (the server rates the
 * same way when the part is saved). Incomplete or impossible input has no rating, not an error.
 */
export function liveSectionRating(draft: PartDraft, thresholds: RatingThresholds): LiveSection {
  const { sampled, passed, adverseEvents } = draft;
  if (!isCount(sampled) || !isCount(passed) || !isCount(adverseEvents)) {
    return { state: 'incomplete' };
  }
  if (passed > sampled) return { state: 'passed-exceeds-sampled' };
  return {
    state: 'rated',
    rating: sectionRating({ spotChecks: { sampled, passed }, adverseEvents }, thresholds),
    // Floored so 899 of 1000 never shows as 90% next to a 合格.
    passRateBp: sampled === 0 ? null : Math.floor((passed * 10_000) / sampled),
  };
}

/** The report's overall result once both sections are rated: the worse of the two (Reading). */
export function liveOverall(a: LiveSection, b: LiveSection): Rating | null {
  if (a.state !== 'rated' || b.state !== 'rated') return null;
  return worseRating(a.rating.rating, b.rating.rating);
}
