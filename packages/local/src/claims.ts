/**
 * The claims of a verified token as API Gateway's JWT authorizer hands them to the integration:
 * every value a string. Numbers are written in decimal ("1767225600"), booleans as "true"/"false",
 * arrays as bracketed space-separated lists ("[vendor-admin]"), objects as "map[k:v]" with sorted
 * keys. Handlers that parse cognito:groups must cope with exactly this, so the local server
 * produces it too.
 */
export function authorizerClaims(
  payload: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined) continue;
    claims[name] = formatClaim(value);
  }
  return claims;
}

function formatClaim(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(formatClaim).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `map[${entries.map(([k, v]) => `${k}:${formatClaim(v)}`).join(' ')}]`;
  }
  return String(value);
}
