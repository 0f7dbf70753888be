import { describe, expect, it } from 'vitest';
import { hmacLinkKey, linkKeyFromEnv } from './env-link-key.ts';

describe('the link key from LINK_SIGNING_KEY', () => {
  it('signs with HMAC-SHA256 under the key in the variable', async () => {
    const key = Buffer.alloc(32, 9);
    const fromEnv = linkKeyFromEnv({ LINK_SIGNING_KEY: key.toString('base64') });
    const data = Buffer.from('payload');
    expect(await fromEnv.sign(data)).toEqual(await hmacLinkKey(key).sign(data));
  });

  it('says the key is missing when asked to sign without one, not when built', async () => {
    const key = linkKeyFromEnv({});
    await expect(key.sign(Buffer.from('x'))).rejects.toThrow(
      /neither LINK_KEY_ID \(AWS\) nor LINK_SIGNING_KEY \(local\) is set/,
    );
  });

  it('refuses a key shorter than 32 bytes', () => {
    expect(() => hmacLinkKey(Buffer.alloc(16))).toThrow(/at least 32 bytes/);
  });
});
