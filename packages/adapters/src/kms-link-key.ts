import type { KMSClient } from '@aws-sdk/client-kms';
import { GenerateMacCommand } from '@aws-sdk/client-kms';
import type { LinkKey } from '@weibao/usecases';

/**
 * The link key on AWS: an HMAC_256 key in KMS. The key material never leaves KMS; signing and
 * checking a link both ask KMS for the MAC of the payload (the use case compares in constant time).
 */
export function kmsLinkKey(client: KMSClient, keyId: string): LinkKey {
  return {
    async sign(data) {
      const out = await client.send(
        new GenerateMacCommand({ KeyId: keyId, Message: data, MacAlgorithm: 'HMAC_SHA_256' }),
      );
      if (!out.Mac) throw new Error('KMS answered GenerateMac without a MAC');
      return Buffer.from(out.Mac);
    },
  };
}
