import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenAtRate } from './money.ts';

describe('a rate of an amount in fen (四舍五入到分)', () => {
  it('rounds half a fen up and less than half down', () => {
    // Prepare: 1% of 150 fen is 1.5 fen; 1% of 149 fen is 1.49 fen.
    // Act / Assess
    expect(fenAtRate(150, 100)).toBe(2);
    expect(fenAtRate(149, 100)).toBe(1);
    expect(fenAtRate(18_800_000, 100)).toBe(188_000);
  });

  it('stays exact for amounts whose product with the rate passes 2^53', () => {
    // Prepare
    const base = Number.MAX_SAFE_INTEGER;
    // Act
    const amount = fenAtRate(base, 10_000);
    // Assess
    expect(amount).toBe(base);
  });

  it('never gives a negative amount nor more than the base at rates up to 100%', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 10_000 }),
        (base, rate) => {
          const amount = fenAtRate(base, rate);
          expect(amount).toBeGreaterThanOrEqual(0);
          expect(amount).toBeLessThanOrEqual(base);
          expect(Number.isSafeInteger(amount)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses fractions of a fen and negative amounts', () => {
    expect(() => fenAtRate(1.5, 100)).toThrow(RangeError);
    expect(() => fenAtRate(-1, 100)).toThrow(RangeError);
  });
});
