import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedCpoeTemplate } from '../templates/seed-cpoe.ts';
import { evaluationRating } from './evaluation-rating.ts';
import { ratingFromSpotChecks, ratings, type SpotChecks } from './rating.ts';

const thresholds = seedCpoeTemplate.evaluation;
const rank = (r: string) => ratings.indexOf(r as (typeof ratings)[number]);
const clean = (sampled: number, passed: number) => ({
  spotChecks: { sampled, passed },
  adverseEvents: 0,
});

describe('evaluation ratings (优秀 / 良好 / 合格 / 不合格)', () => {
  it('rates a spot-check pass rate exactly at each threshold, without floating point', () => {
    // Act / Assess
    expect(ratingFromSpotChecks({ sampled: 10, passed: 10 }, thresholds)).toBe('excellent');
    expect(ratingFromSpotChecks({ sampled: 10, passed: 9 }, thresholds)).toBe('good');
    expect(ratingFromSpotChecks({ sampled: 5, passed: 4 }, thresholds)).toBe('qualified');
    expect(ratingFromSpotChecks({ sampled: 99, passed: 79 }, thresholds)).toBe('unqualified');
    expect(ratingFromSpotChecks({ sampled: 1000, passed: 899 }, thresholds)).toBe('qualified');
  });

  it('makes a section unqualified outright when a service problem caused an adverse event', () => {
    // Act
    const result = evaluationRating(
      {
        serviceLevel: { spotChecks: { sampled: 20, passed: 20 }, adverseEvents: 1 },
        serviceQuality: clean(20, 20),
      },
      thresholds,
    );
    // Assess
    expect(result.serviceLevel).toEqual({
      spotCheckRating: 'excellent',
      adverseEventRating: 'unqualified',
      rating: 'unqualified',
    });
    expect(result.overall).toBe('unqualified');
  });

  it('gives the report overall the worse of its two sections', () => {
    // Act
    const result = evaluationRating(
      { serviceLevel: clean(10, 10), serviceQuality: clean(10, 8) },
      thresholds,
    );
    // Assess
    expect([result.serviceLevel.rating, result.serviceQuality.rating, result.overall]).toEqual([
      'excellent',
      'qualified',
      'qualified',
    ]);
  });

  it('rates a period with no sample as excellent: nothing was found wrong', () => {
    expect(ratingFromSpotChecks({ sampled: 0, passed: 0 }, thresholds)).toBe('excellent');
  });

  it('refuses more passes than samples', () => {
    expect(() => ratingFromSpotChecks({ sampled: 3, passed: 4 }, thresholds)).toThrow(RangeError);
  });

  it('never rates a higher pass rate worse than a lower one', () => {
    const checks = fc
      .integer({ min: 1, max: 10_000 })
      .chain((sampled) =>
        fc.record({ sampled: fc.constant(sampled), passed: fc.integer({ min: 0, max: sampled }) }),
      );
    fc.assert(
      fc.property(checks, checks, (a: SpotChecks, b: SpotChecks) => {
        // a.passed/a.sampled ≥ b.passed/b.sampled, compared exactly
        const [hi, lo] = a.passed * b.sampled >= b.passed * a.sampled ? [a, b] : [b, a];
        expect(rank(ratingFromSpotChecks(hi, thresholds))).toBeLessThanOrEqual(
          rank(ratingFromSpotChecks(lo, thresholds)),
        );
      }),
      { numRuns: 500 },
    );
  });
});
