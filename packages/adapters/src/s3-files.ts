import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  PutObjectCommand,
  S3ServiceException,
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
    presignPut: (key, o) =>
      getSignedUrl(
        s3,
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          ContentType: o.contentType,
          ...(o.sizeBytes !== undefined ? { ContentLength: o.sizeBytes } : {}),
        }),
        {
          expiresIn: o.expiresInSeconds,
          // A declared size is signed with the type: the browser must send what it declared.
          ...(o.sizeBytes !== undefined
            ? { signableHeaders: new Set(['content-type', 'content-length']) }
            : {}),
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
    async head(key) {
      try {
        const out = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { sizeBytes: out.ContentLength ?? 0, contentType: out.ContentType ?? null };
      } catch (err) {
        if (err instanceof NotFound) return null;
        if (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404) return null;
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
    async delete(key) {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}

/** From FILES_BUCKET (set by bindFiles on AWS, by the local stack locally). */
export function makeS3FileStoreFromEnv(
  client: S3Client,
  env: NodeJS.ProcessEnv = process.env,
): FileStore {
  const bucket = env.FILES_BUCKET;
  if (!bucket)
    throw new Error('FILES_BUCKET is not set: the function cannot reach the files bucket');
  return makeS3FileStore(client, bucket);
}
