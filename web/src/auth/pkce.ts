/**
 * Helpers of the OAuth 2.0 authorization-code flow with PKCE (RFC 7636) for a public client: a
 * browser cannot keep a client secret, so each sign-in proves with a one-time verifier that the
 * code is redeemed by the same page that asked for it, and a state value ties the answer to the
 * request (against forged callbacks).
 */

export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomBase64Url(byteLength: number): string {
  const bytes = new Uint8Array(byteLength);
  crypto.getRandomValues(bytes);
  return base64Url(bytes);
}

/** 32 random bytes → 43 characters of [A-Za-z0-9_-], inside RFC 7636's 43..128. */
export function createCodeVerifier(): string {
  return randomBase64Url(32);
}

/** S256: BASE64URL(SHA-256(ASCII(verifier))). */
export async function codeChallenge(verifier: string): Promise<string> {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) {
    throw new Error('a code verifier is 43 to 128 characters of A-Z a-z 0-9 - . _ ~');
  }
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

export function createState(): string {
  return randomBase64Url(16);
}

/** Constant-time comparison, so the state cannot be guessed a character at a time. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The callback's state must be the one this tab sent; anything else is refused. */
export function checkState(expected: string | null, returned: string | null): boolean {
  if (!expected || !returned) return false;
  return sameText(expected, returned);
}

export interface AuthorizeRequest {
  authorizationEndpoint: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
  codeChallenge: string;
}

export function authorizeUrl(r: AuthorizeRequest): string {
  const url = new URL(r.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', r.clientId);
  url.searchParams.set('redirect_uri', r.redirectUri);
  url.searchParams.set('scope', r.scope);
  url.searchParams.set('state', r.state);
  url.searchParams.set('code_challenge', r.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

export type CallbackResult =
  | { kind: 'code'; code: string; state: string | null }
  | { kind: 'error'; error: string; description: string | null; state: string | null };

/** Reads /auth/callback?code=…&state=… (or ?error=…). */
export function readCallback(href: string): CallbackResult {
  const params = new URL(href).searchParams;
  const state = params.get('state');
  const error = params.get('error');
  if (error) return { kind: 'error', error, description: params.get('error_description'), state };
  const code = params.get('code');
  if (!code) return { kind: 'error', error: 'missing_code', description: null, state };
  return { kind: 'code', code, state };
}
