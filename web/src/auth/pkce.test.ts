import { describe, expect, it } from 'vitest';
import {
  authorizeUrl,
  base64Url,
  checkState,
  codeChallenge,
  createCodeVerifier,
  createState,
  readCallback,
} from './pkce.ts';

describe('PKCE helpers', () => {
  it('derives the S256 challenge of RFC 7636 appendix B from its verifier', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes a fresh verifier of 43 URL-safe characters each time', () => {
    const verifiers = Array.from({ length: 50 }, createCodeVerifier);
    for (const v of verifiers) expect(v).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(verifiers).size).toBe(50);
  });

  it('refuses a verifier RFC 7636 does not allow', async () => {
    await expect(codeChallenge('short')).rejects.toThrow(/43 to 128/);
    await expect(codeChallenge(`${'a'.repeat(42)}!`)).rejects.toThrow();
  });

  it('encodes base64url without padding', () => {
    expect(base64Url(new Uint8Array([251, 255]))).toBe('-_8');
  });

  it('accepts the callback only with the exact state this tab sent', () => {
    const state = createState();
    expect(checkState(state, state)).toBe(true);
    expect(checkState(state, `${state}x`)).toBe(false);
    expect(
      checkState(
        state,
        state.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
      ),
    ).toBe(false);
    expect(checkState(state, null)).toBe(false);
    expect(checkState(null, state)).toBe(false);
    expect(checkState('', '')).toBe(false);
  });

  it('asks for a code with the S256 challenge, the state and the redirect', () => {
    const url = new URL(
      authorizeUrl({
        authorizationEndpoint: 'https://auth.example.com/oauth2/authorize',
        clientId: 'client1',
        redirectUri: 'https://app.example.com/auth/callback',
        scope: 'openid email profile',
        state: 'st',
        codeChallenge: 'ch',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://auth.example.com/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client1',
      redirect_uri: 'https://app.example.com/auth/callback',
      scope: 'openid email profile',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });

  it('reads the code, or the provider’s error, from the callback URL', () => {
    expect(readCallback('https://app/auth/callback?code=c1&state=s1')).toEqual({
      kind: 'code',
      code: 'c1',
      state: 's1',
    });
    expect(
      readCallback('https://app/auth/callback?error=access_denied&error_description=no&state=s'),
    ).toEqual({ kind: 'error', error: 'access_denied', description: 'no', state: 's' });
    expect(readCallback('https://app/auth/callback?state=s').kind).toBe('error');
  });
});
