import {
  ratingFromSpotChecks,
  worseRating,
  type Rating,
  type RatingThresholds,
  type SpotChecks,
} from './rating.ts';

/** What one section of the 维保服务评价报告 records. */
export interface SectionFindings {
  spotChecks: SpotChecks;
  /** 因服务问题导致的不良事件 in the period. */
  adverseEvents: number;
}

export interface SectionRating {
  spotCheckRating: Rating;
  /** 无恶性事件发生情况: 不合格 as soon as one adverse event happened. */
  adverseEventRating: Rating;
  rating: Rating;
}

export interface EvaluationRating {
  /** 服务水平评价, by the using department (使用科室). */
  serviceLevel: SectionRating;
  /** 服务质量评价, by the IT center (信息中心). */
  serviceQuality: SectionRating;
  /** The worse of the two sections (Reading). */
  overall: Rating;
}

/** A section is as good as its worse line; any adverse event makes it unqualified outright. */
export function sectionRating(
  findings: SectionFindings,
  thresholds: RatingThresholds,
): SectionRating {
  if (!Number.isSafeInteger(findings.adverseEvents) || findings.adverseEvents < 0) {
    throw new RangeError(`adverse events must be a count, got ${findings.adverseEvents}`);
  }
  const spotCheckRating = ratingFromSpotChecks(findings.spotChecks, thresholds);
  // 因服务问题导致的不良事件发生，服务期间评价直接给予不合格评价
  const adverseEventRating: Rating = findings.adverseEvents > 0 ? 'unqualified' : 'excellent';
  return {
    spotCheckRating,
    adverseEventRating,
    rating: worseRating(spotCheckRating, adverseEventRating),
  };
}

export function evaluationRating(
  findings: { serviceLevel: SectionFindings; serviceQuality: SectionFindings },
  thresholds: RatingThresholds,
): EvaluationRating {
  const serviceLevel = sectionRating(findings.serviceLevel, thresholds);
  const serviceQuality = sectionRating(findings.serviceQuality, thresholds);
  return {
    serviceLevel,
    serviceQuality,
    overall: worseRating(serviceLevel.rating, serviceQuality.rating),
  };
}
