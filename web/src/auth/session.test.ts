import { describe, expect, it } from 'vitest';
import { MemoryStorage } from './memory-storage.ts';
import { decodeTokenClaims, readSession, saveToken, tokenKey } from './session.ts';

function jwt(payload: object): string {
  const part = (o: object) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(o))))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  return `${part({ alg: 'RS256' })}.${part(payload)}.sig`;
}

describe('the session token', () => {
  it('reads a Chinese name from the token', () => {
    expect(decodeTokenClaims(jwt({ name: '张伟', email: 'admin@vendor.example' }))).toMatchObject({
      name: '张伟',
    });
    expect(decodeTokenClaims('not a token')).toBeNull();
  });

  it('keeps a valid token and drops an expired one', () => {
    const storage = new MemoryStorage();
    const now = new Date('2026-03-01T00:00:00Z');
    saveToken(storage, jwt({ exp: now.getTime() / 1000 + 60 }));
    expect(readSession(storage, now)).not.toBeNull();
    saveToken(storage, jwt({ exp: now.getTime() / 1000 - 1 }));
    expect(readSession(storage, now)).toBeNull();
    expect(storage.getItem(tokenKey)).toBeNull();
  });
});
