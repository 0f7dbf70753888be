import { Tag } from 'antd';
import type { Rating } from '@weibao/domain/evaluations/rating';
import { formatBp } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';
import type { LiveSection } from './live-rating.ts';

export const ratingColors: Record<Rating, string> = {
  excellent: 'green',
  good: 'blue',
  qualified: 'gold',
  unqualified: 'red',
};

export function RatingTag({ rating, testId }: { rating: Rating; testId?: string }) {
  const t = useT();
  return (
    <Tag color={ratingColors[rating]} data-testid={testId} data-rating={rating}>
      {t.evaluationLink.ratings[rating]}
    </Tag>
  );
}

/** The rating of what is typed so far, or why there is none yet. */
export function LiveRating({ live, testId }: { live: LiveSection; testId: string }) {
  const t = useT();
  if (live.state === 'incomplete') {
    return (
      <span data-testid={testId} data-rating="">
        {t.evaluations.liveIncomplete}
      </span>
    );
  }
  if (live.state === 'passed-exceeds-sampled') {
    return (
      <span data-testid={testId} data-rating="" className="text-error">
        {t.evaluations.passedExceedsSampled}
      </span>
    );
  }
  const r = live.rating;
  return (
    <span data-testid={testId} data-rating={r.rating}>
      <RatingTag rating={r.rating} />
      <span className="secondary-text">
        {t.evaluations.passRate}{' '}
        {live.passRateBp === null ? t.evaluations.noSample : formatBp(live.passRateBp)} ·{' '}
        {t.evaluations.spotCheckLine} {t.evaluationLink.ratings[r.spotCheckRating]} ·{' '}
        {t.evaluations.adverseLine} {t.evaluationLink.ratings[r.adverseEventRating]}
      </span>
    </span>
  );
}
