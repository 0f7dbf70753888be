import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials, localRegion } from './env.ts';
import { startS3Local, type S3Local } from './s3-local.ts';

let s3: S3Local;
let client: S3Client;
beforeAll(async () => {
  s3 = await startS3Local({ port: 0, buckets: ['weibao-files', 'weibao-mail'] });
  client = new S3Client({
    endpoint: s3.endpoint,
    region: localRegion,
    credentials: localCredentials,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
});
afterAll(async () => {
  client?.destroy();
  await s3?.stop();
});

const key =
  'hospitals/whzx/contracts/01KAW00000000000000000WHZX/proof/01KB0000000000000000000001.pdf';
const body = '%PDF-1.4 proof';

/** A presigned PUT as the server issues it: type and length signed. */
const presignPut = (o: { expiresIn?: number; signingDate?: Date } = {}) =>
  getSignedUrl(
    client,
    new PutObjectCommand({
      Bucket: 'weibao-files',
      Key: key,
      ContentType: 'application/pdf',
      ContentLength: body.length,
    }),
    {
      expiresIn: o.expiresIn ?? 900,
      ...(o.signingDate ? { signingDate: o.signingDate } : {}),
      signableHeaders: new Set(['content-type', 'content-length']),
    },
  );

const put = (url: string, headers: Record<string, string> = {}, content = body) =>
  fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/pdf', ...headers },
    body: content,
  });

describe('the local S3 checks SigV4 as S3 does', () => {
  it('refuses a presigned URL whose key, bucket, type, length or expiry was changed, or that expired; takes the one issued', async () => {
    // Prepare
    const url = await presignPut();
    const expired = await presignPut({
      expiresIn: 60,
      signingDate: new Date(Date.now() - 10 * 60_000),
    });
    const u = new URL(url);
    const otherKey = url.replace('/whzx/', '/jcey/');
    const climbing = url.replace('/proof/', '/proof/..%2F..%2F');
    const otherBucket = url.replace('/weibao-files/', '/weibao-mail/');
    u.searchParams.set('X-Amz-Expires', '604800');
    const longer = u.toString();
    // Act
    const refused = {
      otherKey: await put(otherKey),
      climbing: await put(climbing),
      otherBucket: await put(otherBucket),
      otherType: await put(url, { 'content-type': 'text/html' }),
      otherLength: await put(url, {}, `${body} and a much larger file`),
      longerExpiry: await put(longer),
      expired: await put(expired),
      unsigned: await put(`${s3.endpoint}/weibao-files/${key}`),
    };
    const taken = await put(url);
    // Assess: each refused with S3's XML error; the issued URL works and the file is there
    for (const [what, res] of Object.entries(refused)) {
      expect(res.status, what).toBe(403);
      expect(res.headers.get('content-type'), what).toBe('application/xml');
      expect(await res.text(), what).toMatch(
        /<Error><Code>(AccessDenied|SignatureDoesNotMatch)<\/Code>/,
      );
    }
    expect(taken.status).toBe(200);
    const stored = await client.send(new GetObjectCommand({ Bucket: 'weibao-files', Key: key }));
    expect(await stored.Body?.transformToString()).toBe(body);
  });

  it('takes requests the SDK signs with the Authorization header, and refuses another key pair', async () => {
    // Prepare
    const stranger = new S3Client({
      endpoint: s3.endpoint,
      region: localRegion,
      credentials: { accessKeyId: localCredentials.accessKeyId, secretAccessKey: 'guessed' },
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    const other = 'hospitals/whzx/x/01KB0000000000000000000002.txt';
    // Act
    await client.send(
      new PutObjectCommand({
        Bucket: 'weibao-files',
        Key: other,
        Body: 'mine',
        ContentType: 'text/plain',
      }),
    );
    const read = await client.send(new GetObjectCommand({ Bucket: 'weibao-files', Key: other }));
    const refused = await stranger
      .send(new GetObjectCommand({ Bucket: 'weibao-files', Key: other }))
      .then(
        () => null,
        (err: { name?: string; $metadata?: { httpStatusCode?: number } }) => err,
      );
    stranger.destroy();
    // Assess
    expect(await read.Body?.transformToString()).toBe('mine');
    expect(refused?.$metadata?.httpStatusCode).toBe(403);
    expect(refused?.name).toBe('SignatureDoesNotMatch');
  });
});
