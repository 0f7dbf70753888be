import {
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { FileStore } from '@weibao/usecases';

/**
 * One bucket as a FileStore (s3rver locally, S3 on AWS): the files bucket, or the mail bucket the
 * intake reads. The bucket's default encryption (KMS) applies to puts.
 */
export function makeS3FileStore(s3: S3Client, bucket: string): FileStore {
  return {
    presignPut: (key, contentType, expiresIn) =>
      getSignedUrl(
        s3,
        new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType }),
        {
          expiresIn,
        },
      ),
    presignGet: (key, downloadName, expiresIn) =>
      getSignedUrl(
        s3,
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          // RFC 5987, so a Chinese file name survives the download.
          ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(downloadName)}`,
        }),
        { expiresIn },
      ),
    async exists(key) {
      try {
        await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch (err) {
        if (err instanceof NotFound || (err as { name?: string }).name === 'NotFound') return false;
        throw err;
      }
    },
    async get(key) {
      const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!out.Body) throw new Error(`s3://${bucket}/${key} has no body`);
      return Buffer.from(await out.Body.transformToByteArray());
    },
    async put(key, body, contentType) {
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
      );
    },
  };
}
