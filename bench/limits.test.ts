import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { defaults } from '../infra/lib/config.ts';
import { limitsFor, peak } from './limits.ts';
import { hospitalMonth as w } from './workload.ts';

describe('limitsFor', () => {
  test('the infra defaults are the limits of 50 hospitals', () => {
    const fifty = limitsFor(50);
    expect({
      throttleRate: defaults.throttleRate,
      throttleBurst: defaults.throttleBurst,
      lambdaConcurrency: defaults.lambdaConcurrency,
      sesSendRate: defaults.sesSendRate,
    }).toEqual({
      throttleRate: fifty.throttleRate,
      throttleBurst: fifty.throttleBurst,
      lambdaConcurrency: fifty.lambdaConcurrency,
      sesSendRate: fifty.sesSendRate,
    });
  });

  test('a hospital’s peak is its visible tabs polling at the busiest hour, plus its operations', () => {
    const { peakRpsPerHospital } = limitsFor(1);
    const polling = (w.polling.visibleTabs * peak.tabsFactor * w.polling.perTabPerMinute) / 60;
    expect(peakRpsPerHospital).toBeGreaterThan(polling);
    // The operations add little next to polling: under 5 %.
    expect(peakRpsPerHospital).toBeLessThan(polling * 1.05);
  });

  test('the throttle covers every hospital at its peak, the burst one hospital’s outage on top, and the concurrency the burst', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000 }), (n) => {
        const l = limitsFor(n);
        expect(l.throttleRate).toBeGreaterThanOrEqual(n * l.peakRpsPerHospital);
        expect(l.throttleRate - n * l.peakRpsPerHospital).toBeLessThan(50);
        expect(l.throttleBurst).toBe(l.throttleRate + peak.outageReports);
        expect(l.lambdaConcurrency).toBeGreaterThanOrEqual(
          (l.throttleBurst * w.assumedApiMs * peak.coldStartFactor) / 1000,
        );
        expect(l.lambdaConcurrency).toBeGreaterThanOrEqual(100);
        for (const v of [l.throttleRate, l.throttleBurst, l.lambdaConcurrency])
          expect(Number.isSafeInteger(v)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  test('more hospitals never need lower limits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 1, max: 20_000 }),
        (a, b) => {
          const [lo, hi] = [limitsFor(Math.min(a, b)), limitsFor(Math.max(a, b))];
          expect(hi.throttleRate).toBeGreaterThanOrEqual(lo.throttleRate);
          expect(hi.lambdaConcurrency).toBeGreaterThanOrEqual(lo.lambdaConcurrency);
          expect(hi.sesSendRate).toBeGreaterThanOrEqual(lo.sesSendRate);
        },
      ),
    );
  });
});
