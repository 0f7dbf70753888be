import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import type { LinkKey } from '../ports.ts';
import { mintLinkToken, verifyLinkToken } from './signed-link.ts';

const keyOf = (fill: number): LinkKey => ({
  sign: async (data) => createHmac('sha256', Buffer.alloc(32, fill)).update(data).digest(),
});
const key = keyOf(1);
const now = new Date('2026-11-25T08:00:00.000Z');
const clock = { now: () => now };
const grant = {
  hospitalId: 'whzx',
  action: 'acknowledge-notice' as const,
  objectId: '01KAW00000000000000000NTC1',
  email: 'it@whzx.example',
  expiresAt: '2026-12-09T08:00:00.000Z',
};

async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err.kind;
}

describe('signed link tokens', () => {
  it('give back the payload they were minted with, with a fresh nonce each time', async () => {
    const a = await mintLinkToken(key, grant);
    const b = await mintLinkToken(key, grant);
    expect(await verifyLinkToken(key, clock, a.token, 'acknowledge-notice')).toEqual({
      v: 1,
      ...grant,
      nonce: a.payload.nonce,
    });
    expect(a.payload.nonce).not.toBe(b.payload.nonce);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  });

  it('are refused as invalid when any character of payload or signature changes', async () => {
    const { token } = await mintLinkToken(key, grant);
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') continue;
      const changed = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      expect(await refusal(verifyLinkToken(key, clock, changed, 'acknowledge-notice'))).toBe(
        'invalid',
      );
    }
  });

  it('are refused as invalid when a payload is re-signed by another key or grants another action', async () => {
    const { token } = await mintLinkToken(keyOf(2), grant);
    expect(await refusal(verifyLinkToken(key, clock, token, 'acknowledge-notice'))).toBe('invalid');
    const other = await mintLinkToken(key, { ...grant, action: 'evaluate' as never });
    expect(await refusal(verifyLinkToken(key, clock, other.token, 'acknowledge-notice'))).toBe(
      'invalid',
    );
  });

  it('are refused as invalid when malformed', async () => {
    for (const token of ['', '.', 'abc', 'a.b.c', 'e30.', '!!.??', 'e30.e30']) {
      expect(await refusal(verifyLinkToken(key, clock, token, 'acknowledge-notice'))).toBe(
        'invalid',
      );
    }
  });

  it('are gone once they expire, and valid up to that instant', async () => {
    const { token } = await mintLinkToken(key, grant);
    const at = (iso: string) => ({ now: () => new Date(iso) });
    await expect(
      verifyLinkToken(key, at('2026-12-09T07:59:59.999Z'), token, 'acknowledge-notice'),
    ).resolves.toMatchObject({ objectId: grant.objectId });
    expect(
      await refusal(verifyLinkToken(key, at(grant.expiresAt), token, 'acknowledge-notice')),
    ).toBe('gone');
  });
});
