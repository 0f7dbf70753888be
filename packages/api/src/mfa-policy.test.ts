import { describe, expect, it } from 'vitest';
import { mfaEnrolmentClaim, mfaRequiredFor, tokenOverride } from './mfa-policy.ts';

describe('MFA for vendor roles only', () => {
  it('requires a second factor of every vendor role and of no hospital-side role', () => {
    for (const role of ['vendor-admin', 'service-manager', 'support-engineer'])
      expect(mfaRequiredFor([role]), role).toBe(true);
    for (const role of ['hospital-it', 'hospital-dept', 'supervisor', 'auditor'])
      expect(mfaRequiredFor([role]), role).toBe(false);
    expect(mfaRequiredFor([])).toBe(false);
    expect(mfaRequiredFor(['strangers'])).toBe(false);
  });

  it('requires it when any of a user’s groups is a vendor role', () => {
    expect(mfaRequiredFor(['hospital-it', 'vendor-admin'])).toBe(true);
  });

  it('gives a vendor user without an authenticator app a token with no role, only the enrolment claim', () => {
    expect(tokenOverride(['support-engineer'], false)).toEqual({
      kind: 'enrol-first',
      claims: { [mfaEnrolmentClaim]: 'true' },
    });
  });

  it('leaves the tokens of enrolled vendor users and of every hospital user as they are', () => {
    expect(tokenOverride(['support-engineer'], true)).toEqual({ kind: 'as-is' });
    expect(tokenOverride(['hospital-dept'], false)).toEqual({ kind: 'as-is' });
  });
});
