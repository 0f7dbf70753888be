import { describe, expect, it } from 'vitest';
import { renewContract, renewalEligibility, renewedTerm } from './renewal.ts';
import { seedDemoContract } from './test-fixtures.ts';

describe('renewal (续签)', () => {
  it('allows a renewal after a qualified annual evaluation', () => {
    // Act
    const result = renewalEligibility(seedDemoContract(), 'qualified');
    // Assess
    expect(result).toEqual({ eligible: true, renewalNumber: 1 });
  });

  it('refuses after an unqualified or missing annual evaluation, saying why', () => {
    // Act
    const unqualified = renewalEligibility(seedDemoContract(), 'unqualified');
    const missing = renewalEligibility(seedDemoContract(), null);
    // Assess
    expect(!unqualified.eligible && unqualified.reasons.map((r) => r.code)).toEqual([
      'annual-evaluation-unqualified',
    ]);
    expect(!missing.eligible && missing.reasons.map((r) => r.code)).toEqual([
      'annual-evaluation-missing',
    ]);
  });

  it('renews at most twice (最多可续签2次)', () => {
    // Prepare
    const second = renewContract(renewContract(seedDemoContract(), '2027-01-04'), '2028-01-04');
    // Act
    const third = renewalEligibility(second, 'excellent');
    // Assess
    expect(second.renewal.count).toBe(2);
    expect(!third.eligible && third.reasons.map((r) => r.code)).toEqual(['limit-reached']);
    expect(() => renewContract(second, '2029-01-04')).toThrow(RangeError);
  });

  it('starts the new term the day after the old one ends, for as long', () => {
    // Act
    const renewed = renewContract(seedDemoContract(), '2026-12-28');
    // Assess
    expect(renewed.term).toEqual({ startsOn: '2027-01-05', endsOn: '2028-01-04' });
    expect(renewed.signedOn).toBe('2026-12-28');
    expect(renewed.totalFen).toBe(18_800_000);
  });

  it('keeps a year a year across 29 February, and a term of odd days the same number of days', () => {
    // Act / Assess
    expect(renewedTerm({ startsOn: '2027-03-01', endsOn: '2028-02-29' })).toEqual({
      startsOn: '2028-03-01',
      endsOn: '2029-02-28',
    });
    expect(renewedTerm({ startsOn: '2026-01-01', endsOn: '2026-01-10' })).toEqual({
      startsOn: '2026-01-11',
      endsOn: '2026-01-20',
    });
  });
});
