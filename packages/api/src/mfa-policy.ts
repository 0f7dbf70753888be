import { isVendorRole, roles, type Role } from '@weibao/domain';

/**
 * Vendor staff reach every hospital (or their assigned ones), so their accounts must have a second
 * factor; hospital users choose. Cognito can only require MFA for a whole pool, so the pool makes
 * it optional and the pre-token-generation trigger applies this rule (docs/auth.md).
 */
export function mfaRequiredFor(groups: readonly string[]): boolean {
  return groups.some((g) => (roles as readonly string[]).includes(g) && isVendorRole(g as Role));
}

/** The claim that tells the SPA to send the user to enrol an authenticator app. */
export const mfaEnrolmentClaim = 'weibao:mfa_enrolment_required';

export type TokenOverride =
  | { kind: 'as-is' }
  /** No weibao role in the token (authorize() answers 401), only the enrolment claim. */
  | { kind: 'enrol-first'; claims: Record<string, string> };

/**
 * What the tokens of a sign-in carry. A vendor user without an enrolled authenticator app still
 * gets tokens, but without any group: the access token can then only enrol TOTP with Cognito
 * (AssociateSoftwareToken), and the API refuses the ID token until the user signs in again with it.
 */
export function tokenOverride(groups: readonly string[], totpEnrolled: boolean): TokenOverride {
  if (!mfaRequiredFor(groups) || totpEnrolled) return { kind: 'as-is' };
  return { kind: 'enrol-first', claims: { [mfaEnrolmentClaim]: 'true' } };
}
