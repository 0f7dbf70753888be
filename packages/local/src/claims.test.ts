import { describe, expect, it } from 'vitest';
import { authorizerClaims } from './claims.ts';

describe('authorizerClaims', () => {
  it('passes strings through unchanged, Chinese included', () => {
    expect(authorizerClaims({ sub: 'abc', name: '刘洋' })).toEqual({ sub: 'abc', name: '刘洋' });
  });

  it('writes numeric time claims as decimal strings, never in exponent form', () => {
    const claims = authorizerClaims({ exp: 1767225600, iat: 1767196800, ratio: 0.5 });
    expect(claims).toEqual({ exp: '1767225600', iat: '1767196800', ratio: '0.5' });
  });

  it('writes cognito:groups as a bracketed space-separated string', () => {
    expect(authorizerClaims({ 'cognito:groups': ['vendor-admin'] })['cognito:groups']).toBe(
      '[vendor-admin]',
    );
    expect(authorizerClaims({ groups: ['a', 'b', 'c'] }).groups).toBe('[a b c]');
    expect(authorizerClaims({ groups: [] }).groups).toBe('[]');
  });

  it('writes booleans and objects as strings too', () => {
    const claims = authorizerClaims({
      email_verified: true,
      addr: { zip: '430000', city: '武汉' },
    });
    expect(claims).toEqual({ email_verified: 'true', addr: 'map[city:武汉 zip:430000]' });
  });

  it('leaves out undefined claims and keeps every value a string', () => {
    const claims = authorizerClaims({ a: undefined, b: null, c: 1 });
    expect(claims).toEqual({ b: '<nil>', c: '1' });
    for (const value of Object.values(claims)) expect(typeof value).toBe('string');
  });
});
