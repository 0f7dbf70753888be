import { createHmac } from 'node:crypto';
import { KMSClient } from '@aws-sdk/client-kms';
import type { LinkKey } from '@weibao/usecases';
import { kmsLinkKey } from './kms-link-key.ts';

/** An HMAC-SHA256 link key held in memory (local mode and tests). */
export function hmacLinkKey(key: Buffer): LinkKey {
  if (key.length < 32) throw new Error('a link signing key has at least 32 bytes');
  return { sign: async (data) => createHmac('sha256', key).update(data).digest() };
}

/**
 * The link key of this environment: on AWS the KMS HMAC key named by LINK_KEY_ID (CDK sets it);
 * locally the key in LINK_SIGNING_KEY (base64), which only the local stack sets.
 */
export function linkKeyFromEnv(env: Record<string, string | undefined> = process.env): LinkKey {
  if (env.LINK_KEY_ID) return kmsLinkKey(new KMSClient({}), env.LINK_KEY_ID);
  const value = env.LINK_SIGNING_KEY;
  if (value) return hmacLinkKey(Buffer.from(value, 'base64'));
  // Fails when used, not when built: creating a notice still works, only without its email.
  return {
    sign: () =>
      Promise.reject(
        new Error(
          'neither LINK_KEY_ID (AWS) nor LINK_SIGNING_KEY (local) is set: signed links have no key here',
        ),
      ),
  };
}
