import { describe, expect, it } from 'vitest';
import { liveOverall, liveSectionRating } from './live-rating.ts';

const thresholds = { excellentBp: 10_000, goodBp: 9_000, qualifiedBp: 8_000 };

describe('the rating shown while an evaluator types', () => {
  it('rates 9 of 10 spot checks passed as good, with the pass rate', () => {
    expect(liveSectionRating({ sampled: 10, passed: 9, adverseEvents: 0 }, thresholds)).toEqual({
      state: 'rated',
      rating: { spotCheckRating: 'good', adverseEventRating: 'excellent', rating: 'good' },
      passRateBp: 9_000,
    });
  });

  it('makes the section unqualified as soon as one adverse event is typed', () => {
    const live = liveSectionRating({ sampled: 10, passed: 10, adverseEvents: 1 }, thresholds);
    expect(live.state === 'rated' && live.rating.rating).toBe('unqualified');
  });

  it('floors the pass rate so 899 of 1000 reads 89.9% beside 合格', () => {
    const live = liveSectionRating({ sampled: 1000, passed: 899, adverseEvents: 0 }, thresholds);
    expect(live).toMatchObject({ state: 'rated', passRateBp: 8_990 });
    expect(live.state === 'rated' && live.rating.spotCheckRating).toBe('qualified');
  });

  it('has no rating while a field is empty, and says so when more passed than were sampled', () => {
    expect(liveSectionRating({ sampled: 10, passed: null, adverseEvents: 0 }, thresholds)).toEqual({
      state: 'incomplete',
    });
    expect(liveSectionRating({ sampled: 3, passed: 4, adverseEvents: 0 }, thresholds)).toEqual({
      state: 'passed-exceeds-sampled',
    });
  });

  it('follows the contract’s thresholds, not fixed ones', () => {
    const strict = { excellentBp: 10_000, goodBp: 9_500, qualifiedBp: 9_000 };
    const live = liveSectionRating({ sampled: 10, passed: 9, adverseEvents: 0 }, strict);
    expect(live.state === 'rated' && live.rating.rating).toBe('qualified');
  });

  it('gives the report the worse section once both are rated', () => {
    const good = liveSectionRating({ sampled: 10, passed: 9, adverseEvents: 0 }, thresholds);
    const excellent = liveSectionRating({ sampled: 5, passed: 5, adverseEvents: 0 }, thresholds);
    expect(liveOverall(good, excellent)).toBe('good');
    expect(liveOverall(good, { state: 'incomplete' })).toBeNull();
  });
});
