import { describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from './memory-storage.ts';
import { beginSignIn, completeSignIn, pendingSignInKey, safeReturnTo, signOutUrl } from './oidc.ts';
import { codeChallenge } from './pkce.ts';
import type { RuntimeConfig } from './runtime-config.ts';

const config: Extract<RuntimeConfig, { mode: 'cognito' }> = {
  mode: 'cognito',
  authority: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool',
  clientId: 'spa-client',
  redirectUri: 'https://app.example.com/auth/callback',
  logoutUri: 'https://app.example.com',
  scope: 'openid email profile',
  apiBaseUrl: '',
};

function cognito(
  tokenAnswer: { status: number; body: unknown } = {
    status: 200,
    body: { id_token: 'ID', access_token: 'AT' },
  },
) {
  return vi.fn(async function (this: unknown, input: string | URL | Request, _init?: RequestInit) {
    // As window.fetch does when called as a method of another object.
    if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
    const url = String(input);
    if (url.endsWith('/.well-known/openid-configuration')) {
      return Response.json({
        authorization_endpoint: 'https://weibao.auth.us-east-1.amazoncognito.com/oauth2/authorize',
        token_endpoint: 'https://weibao.auth.us-east-1.amazoncognito.com/oauth2/token',
      });
    }
    return Response.json(tokenAnswer.body, { status: tokenAnswer.status });
  });
}

describe('sign-in with Cognito (authorization code + PKCE)', () => {
  it('sends the browser to the pool’s authorize endpoint with a challenge of the verifier it keeps', async () => {
    // Prepare
    const storage = new MemoryStorage();
    // Act
    const url = new URL(
      await beginSignIn(config, { fetch: cognito(), storage, returnTo: '/hospitals/whzx' }),
    );
    // Assess
    const pending = JSON.parse(storage.getItem(pendingSignInKey) ?? '{}') as Record<string, string>;
    expect(url.pathname).toBe('/oauth2/authorize');
    expect(url.searchParams.get('state')).toBe(pending.state);
    expect(url.searchParams.get('code_challenge')).toBe(
      await codeChallenge(pending.verifier as string),
    );
    expect(pending.returnTo).toBe('/hospitals/whzx');
  });

  it('redeems the code with the verifier when the state matches, and forgets both', async () => {
    // Prepare
    const storage = new MemoryStorage();
    const fetch = cognito();
    const authorize = new URL(await beginSignIn(config, { fetch, storage, returnTo: '/x' }));
    const state = authorize.searchParams.get('state') as string;
    const { verifier } = JSON.parse(storage.getItem(pendingSignInKey) ?? '{}') as {
      verifier: string;
    };
    // Act
    const result = await completeSignIn(
      config,
      `https://app.example.com/auth/callback?code=CODE&state=${state}`,
      { fetch, storage },
    );
    // Assess
    expect(result).toEqual({ idToken: 'ID', returnTo: '/x' });
    const [url, init] = fetch.mock.calls.at(-1) ?? [];
    expect(String(url)).toBe('https://weibao.auth.us-east-1.amazoncognito.com/oauth2/token');
    expect(Object.fromEntries(new URLSearchParams(String(init?.body)))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'spa-client',
      code: 'CODE',
      redirect_uri: 'https://app.example.com/auth/callback',
      code_verifier: verifier,
    });
    expect(storage.getItem(pendingSignInKey)).toBeNull();
  });

  it('refuses a callback whose state this tab did not send, without redeeming the code', async () => {
    const storage = new MemoryStorage();
    const fetch = cognito();
    await beginSignIn(config, { fetch, storage, returnTo: '/' });
    fetch.mockClear();
    await expect(
      completeSignIn(config, 'https://app.example.com/auth/callback?code=C&state=forged', {
        fetch,
        storage,
      }),
    ).rejects.toMatchObject({ reason: 'state' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('refuses a second use of the same callback', async () => {
    const storage = new MemoryStorage();
    const fetch = cognito();
    const state = new URL(
      await beginSignIn(config, { fetch, storage, returnTo: '/' }),
    ).searchParams.get('state');
    const href = `https://app.example.com/auth/callback?code=C&state=${state}`;
    await completeSignIn(config, href, { fetch, storage });
    await expect(completeSignIn(config, href, { fetch, storage })).rejects.toMatchObject({
      reason: 'no-pending',
    });
  });

  it('reports a failed exchange', async () => {
    const storage = new MemoryStorage();
    const fetch = cognito({ status: 400, body: { error: 'invalid_grant' } });
    const state = new URL(
      await beginSignIn(config, { fetch, storage, returnTo: '/' }),
    ).searchParams.get('state');
    await expect(
      completeSignIn(config, `https://app.example.com/auth/callback?code=C&state=${state}`, {
        fetch,
        storage,
      }),
    ).rejects.toThrow(/invalid_grant/);
  });

  it('signs out at the managed login’s /logout with the client and the way back', async () => {
    const url = new URL(await signOutUrl(config, cognito()));
    expect(url.origin + url.pathname).toBe(
      'https://weibao.auth.us-east-1.amazoncognito.com/logout',
    );
    expect(url.searchParams.get('logout_uri')).toBe('https://app.example.com');
  });

  it('returns only to paths of this app after sign-in', () => {
    expect(safeReturnTo('/hospitals/whzx')).toBe('/hospitals/whzx');
    expect(safeReturnTo('//evil.example')).toBe('/');
    expect(safeReturnTo('https://evil.example')).toBe('/');
    expect(safeReturnTo('/auth/callback')).toBe('/');
  });
});
