import { roles, type Role } from '@weibao/domain';

/**
 * The API Gateway JWT authorizer hands claims to the function as strings: an array claim such as
 * `cognito:groups` arrives as "[a b]". Tokens decoded elsewhere may carry a real array.
 */
export function claimList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value === '') return [];
  const inner = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  return inner.split(/[\s,]+/).filter(Boolean);
}

export interface Principal {
  sub: string;
  email: string | null;
  role: Role;
  /** From custom:tenantId; null for vendor staff. */
  hospitalId: string | null;
}

/** The principal of verified claims, or why there is none. Exactly one known role is required. */
export function principalFromClaims(
  claims: Record<string, unknown> | undefined,
): Principal | { error: string } {
  if (!claims || typeof claims.sub !== 'string' || claims.sub === '')
    return { error: 'the token names no subject' };
  const known = claimList(claims['cognito:groups']).filter((g): g is Role =>
    (roles as readonly string[]).includes(g),
  );
  if (known.length !== 1)
    return {
      error:
        known.length === 0
          ? 'the token carries no weibao role'
          : 'the token carries more than one weibao role',
    };
  const tenant = claims['custom:tenantId'];
  return {
    sub: claims.sub,
    email: typeof claims.email === 'string' ? claims.email : null,
    role: known[0] as Role,
    hospitalId: typeof tenant === 'string' && tenant !== '' ? tenant : null,
  };
}
