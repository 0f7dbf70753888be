import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  PutObjectCommand,
  S3ServiceException,
  UploadPartCommand,
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
    async *read(key) {
      const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!out.Body) throw new Error(`s3://${bucket}/${key} has no body`);
      // In Node the body is a Readable, which yields Buffers as they arrive.
      yield* out.Body as AsyncIterable<Uint8Array>;
    },
    putStream: (key, body, contentType) => putInParts(s3, bucket, key, body, contentType),
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

/** S3's parts are at least 5 MiB (but the last); 8 MiB keeps a Lambda's memory small. */
const partBytes = 8 * 1024 * 1024;

/**
 * What the stream yields, as one object: a single PUT when it stays under one part, else a
 * multipart upload of 8 MiB parts, aborted if anything fails (no orphaned parts are billed).
 */
async function putInParts(
  s3: S3Client,
  bucket: string,
  key: string,
  body: AsyncIterable<Uint8Array>,
  contentType: string,
): Promise<number> {
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let total = 0;
  let uploadId: string | undefined;
  const parts: { ETag: string; PartNumber: number }[] = [];
  const sendPart = async () => {
    const Body = Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    uploadId ??= (
      await s3.send(
        new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: contentType }),
      )
    ).UploadId;
    const PartNumber = parts.length + 1;
    const out = await s3.send(
      new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber, Body }),
    );
    parts.push({ ETag: out.ETag ?? '', PartNumber });
  };
  try {
    for await (const chunk of body) {
      pending.push(chunk);
      pendingBytes += chunk.byteLength;
      total += chunk.byteLength;
      if (pendingBytes >= partBytes) await sendPart();
    }
    if (uploadId === undefined) {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: Buffer.concat(pending),
          ContentType: contentType,
        }),
      );
      return total;
    }
    if (pendingBytes > 0) await sendPart();
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
    return total;
  } catch (err) {
    if (uploadId !== undefined)
      await s3
        .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }))
        .catch(() => undefined);
    throw err;
  }
}
