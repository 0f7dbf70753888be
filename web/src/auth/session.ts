/** The signed-in user's ID token lives in sessionStorage: one tab, gone when the tab closes. */
export const tokenKey = 'weibao.token';

export interface TokenClaims {
  sub?: string;
  email?: string;
  name?: string;
  exp?: number;
}

/** Reads a JWT's payload for display (name, expiry). Not a verification: the API verifies. */
export function decodeTokenClaims(token: string): TokenClaims | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === 'object' && claims !== null ? (claims as TokenClaims) : null;
  } catch {
    return null;
  }
}

export interface StoredSession {
  token: string;
  claims: TokenClaims;
}

/** The stored token if it is still valid at `now`; an expired or unreadable one is dropped. */
export function readSession(storage: Storage, now: Date = new Date()): StoredSession | null {
  const token = storage.getItem(tokenKey);
  if (!token) return null;
  const claims = decodeTokenClaims(token);
  if (!claims || (typeof claims.exp === 'number' && claims.exp * 1000 <= now.getTime())) {
    storage.removeItem(tokenKey);
    return null;
  }
  return { token, claims };
}

export function saveToken(storage: Storage, token: string): void {
  storage.setItem(tokenKey, token);
}

export function clearSession(storage: Storage): void {
  storage.removeItem(tokenKey);
}
