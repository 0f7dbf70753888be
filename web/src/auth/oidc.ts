import {
  authorizeUrl,
  checkState,
  codeChallenge,
  createCodeVerifier,
  createState,
  readCallback,
} from './pkce.ts';
import type { RuntimeConfig } from './runtime-config.ts';

type CognitoConfig = Extract<RuntimeConfig, { mode: 'cognito' }>;
type Fetch = typeof fetch;

export interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

export class SignInError extends Error {
  override name = 'SignInError';
  constructor(
    readonly reason: 'state' | 'provider' | 'exchange' | 'discovery' | 'no-pending',
    message: string,
  ) {
    super(message);
  }
}

/** What the tab remembers between leaving for Cognito and coming back. */
interface Pending {
  state: string;
  verifier: string;
  returnTo: string;
}
export const pendingSignInKey = 'weibao.signIn.pending';

/** The pool's endpoints from its OpenID discovery document. */
export async function discover(authority: string, fetchFn: Fetch): Promise<Discovery> {
  const res = await fetchFn(`${authority}/.well-known/openid-configuration`);
  if (!res.ok) throw new SignInError('discovery', `discovery: HTTP ${res.status}`);
  const doc = (await res.json()) as Partial<Discovery>;
  if (typeof doc.authorization_endpoint !== 'string' || typeof doc.token_endpoint !== 'string') {
    throw new SignInError('discovery', 'discovery: no authorization or token endpoint');
  }
  return { authorization_endpoint: doc.authorization_endpoint, token_endpoint: doc.token_endpoint };
}

/** Remembers a fresh verifier and state in this tab and answers the URL to send the browser to. */
export async function beginSignIn(
  config: CognitoConfig,
  deps: { fetch: Fetch; storage: Storage; returnTo: string },
): Promise<string> {
  const { authorization_endpoint } = await discover(config.authority, deps.fetch);
  const verifier = createCodeVerifier();
  const state = createState();
  const pending: Pending = { state, verifier, returnTo: safeReturnTo(deps.returnTo) };
  deps.storage.setItem(pendingSignInKey, JSON.stringify(pending));
  return authorizeUrl({
    authorizationEndpoint: authorization_endpoint,
    clientId: config.clientId,
    redirectUri: config.redirectUri,
    scope: config.scope,
    state,
    codeChallenge: await codeChallenge(verifier),
  });
}

/**
 * At /auth/callback: checks the state against the one this tab sent (used once, then gone), then
 * redeems the code with the verifier. Answers the ID token, which carries the role
 * (cognito:groups) and hospital (custom:tenantId) the API's JWT authorizer reads.
 */
export async function completeSignIn(
  config: CognitoConfig,
  href: string,
  deps: { fetch: Fetch; storage: Storage },
): Promise<{ idToken: string; returnTo: string }> {
  const raw = deps.storage.getItem(pendingSignInKey);
  deps.storage.removeItem(pendingSignInKey);
  let pending: Pending | null = null;
  try {
    pending = raw ? (JSON.parse(raw) as Pending) : null;
  } catch {
    pending = null;
  }
  const callback = readCallback(href);
  if (!pending) throw new SignInError('no-pending', 'no sign-in was started in this tab');
  if (!checkState(pending.state, callback.state)) {
    throw new SignInError('state', 'the answer does not belong to the sign-in this tab started');
  }
  if (callback.kind === 'error') {
    throw new SignInError('provider', callback.description ?? callback.error);
  }
  // Called unbound: window.fetch throws "Illegal invocation" when called as a method of deps.
  const fetchFn = deps.fetch;
  const { token_endpoint } = await discover(config.authority, fetchFn);
  const res = await fetchFn(token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code: callback.code,
      redirect_uri: config.redirectUri,
      code_verifier: pending.verifier,
    }).toString(),
  });
  const body = (await res.json().catch(() => ({}))) as { id_token?: unknown; error?: unknown };
  if (!res.ok || typeof body.id_token !== 'string') {
    throw new SignInError('exchange', `token exchange failed: ${String(body.error ?? res.status)}`);
  }
  return { idToken: body.id_token, returnTo: pending.returnTo };
}

/** Cognito's managed-login sign-out: /logout on the same domain as /oauth2/authorize. */
export async function signOutUrl(config: CognitoConfig, fetchFn: Fetch): Promise<string> {
  const { authorization_endpoint } = await discover(config.authority, fetchFn);
  const url = new URL('/logout', authorization_endpoint);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('logout_uri', config.logoutUri);
  return url.toString();
}

/** Only a path of this app: never send the user on to another site after sign-in. */
export function safeReturnTo(path: string): string {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/auth/') ? path : '/';
}
