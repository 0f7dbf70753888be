import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Blobs } from '@weibao/usecases';

/**
 * Objects of one bucket. Puts are plain overwrites: callers use deterministic keys, so a repeated
 * write after a retry stores the same bytes again. The bucket's default encryption (KMS) applies.
 */
export function makeS3Blobs(client: S3Client, bucket: string): Blobs {
  return {
    async get(key) {
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!out.Body) throw new Error(`s3://${bucket}/${key} has no body`);
      return Buffer.from(await out.Body.transformToByteArray());
    },
    async put(key, body, contentType) {
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
      );
    },
  };
}
