import type { RatingThresholds } from '@weibao/domain/evaluations/rating';
import type { Evaluation } from '../../api/record-queries.ts';
import { useT } from '../../i18n/locale.tsx';
import { liveOverall, liveSectionRating, type LiveSection } from './live-rating.ts';
import { RatingTag } from './rating-tag.tsx';

type Part = Evaluation['serviceLevel'];

/** A part already entered, rated by the same rule as one being typed. */
export function ratedPart(part: Part, thresholds: RatingThresholds): LiveSection {
  if (!part) return { state: 'incomplete' };
  return liveSectionRating(
    {
      sampled: part.spotChecks.sampled,
      passed: part.spotChecks.passed,
      adverseEvents: part.adverseEvents,
    },
    thresholds,
  );
}

/** The report's overall result if this entry were saved: the other section must be in. */
export function OverallPreview({ live, other }: { live: LiveSection; other: LiveSection }) {
  const t = useT();
  const overall = liveOverall(live, other);
  if (overall === null) {
    return (
      <span data-testid="live-overall" data-rating="">
        {other.state === 'rated' ? t.evaluations.liveIncomplete : t.evaluations.otherMissing}
      </span>
    );
  }
  return (
    <span data-testid="live-overall" data-rating={overall}>
      <RatingTag rating={overall} />
    </span>
  );
}
