import { roles, type Role } from '@weibao/domain';

/**
 * The API Gateway JWT authorizer hands claims to the function as strings: an array claim such as
 * `cognito:groups` arrives as "[a b]", its elements joined by single spaces. Tokens decoded
 * elsewhere may carry a real array. Null when the claim cannot be read unambiguously: an element
 * holding a comma, a bracket or white space (a group named `junk,vendor-admin` arrives as
 * "[junk,vendor-admin]" and must not read as vendor-admin), an empty element, or not a string.
 */
export function claimList(value: unknown): string[] | null {
  if (value === undefined || value === null || value === '') return [];
  const elements = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? (value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value).split(' ')
      : null;
  if (elements === null) return null;
  if (elements.length === 1 && elements[0] === '') return [];
  const clean = /^[^\s,[\]]+$/;
  return elements.every((e): e is string => typeof e === 'string' && clean.test(e))
    ? elements
    : null;
}

export interface Principal {
  sub: string;
  email: string | null;
  role: Role;
  /** From custom:tenantId; null for vendor staff. */
  hospitalId: string | null;
  /** The ID token's `name` (e.g. 李强), when it carries one that fits on a line. */
  name?: string;
}

/** The principal of verified claims, or why there is none. Exactly one known role is required. */
export function principalFromClaims(
  claims: Record<string, unknown> | undefined,
): Principal | { error: string } {
  if (!claims || typeof claims.sub !== 'string' || claims.sub === '')
    return { error: 'the token names no subject' };
  const groups = claimList(claims['cognito:groups']);
  if (groups === null) return { error: 'the token’s groups cannot be read unambiguously' };
  const known = groups.filter((g): g is Role => (roles as readonly string[]).includes(g));
  if (known.length !== 1)
    return {
      error:
        known.length === 0
          ? 'the token carries no weibao role'
          : 'the token carries more than one weibao role',
    };
  const tenant = claims['custom:tenantId'];
  const name = claims.name;
  return {
    sub: claims.sub,
    email: typeof claims.email === 'string' ? claims.email : null,
    role: known[0] as Role,
    hospitalId: typeof tenant === 'string' && tenant !== '' ? tenant : null,
    // Shown as 负责人 and in mail: a single line of at most 64 characters, else not used.
    ...(typeof name === 'string' && /^[^\p{Cc}]{1,64}$/u.test(name.trim())
      ? { name: name.trim() }
      : {}),
  };
}
