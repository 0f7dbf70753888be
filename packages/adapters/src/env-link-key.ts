import { createHmac } from 'node:crypto';
import type { LinkKey } from '@weibao/usecases';

/** An HMAC-SHA256 link key held in memory (local mode and tests). */
export function hmacLinkKey(key: Buffer): LinkKey {
  if (key.length < 32) throw new Error('a link signing key has at least 32 bytes');
  return { sign: async (data) => createHmac('sha256', key).update(data).digest() };
}

/**
 * The link key from LINK_SIGNING_KEY (base64), which only the local stack sets. On AWS the key is
 * to come from KMS (GenerateMac on an HMAC_256 key); until that adapter exists a deployed
 * function has no link key and says so when asked to sign.
 */
export function linkKeyFromEnv(env: Record<string, string | undefined> = process.env): LinkKey {
  const value = env.LINK_SIGNING_KEY;
  if (value) return hmacLinkKey(Buffer.from(value, 'base64'));
  // Fails when used, not when built: creating a notice still works, only without its email.
  return {
    sign: () =>
      Promise.reject(
        new Error(
          'LINK_SIGNING_KEY is not set: signed links have no key here (on AWS the KMS key source is not built yet)',
        ),
      ),
  };
}
