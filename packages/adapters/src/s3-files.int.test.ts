import { createHash, randomBytes } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { localCredentials, localRegion } from '@weibao/local/env';
import { startS3Local, type S3Local } from '@weibao/local/s3-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeS3FileStore } from './s3-files.ts';

let s3: S3Local;
let client: S3Client;
beforeAll(async () => {
  s3 = await startS3Local({ port: 0, buckets: ['weibao-files'] });
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

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('files written as a stream', () => {
  it('go to S3 in 8 MiB parts and read back a chunk at a time, byte for byte', async () => {
    // Prepare: 20 MiB yielded 1 MiB at a time (three parts), and a small file (one PUT)
    const files = makeS3FileStore(client, 'weibao-files');
    const chunks = Array.from({ length: 20 }, () => randomBytes(1024 * 1024));
    async function* body(parts: Uint8Array[]) {
      yield* parts;
    }
    // Act
    const bytes = await files.putStream('packages/big.zip', body(chunks), 'application/zip');
    const small = await files.putStream(
      'packages/small.zip',
      body([chunks[0]!]),
      'application/zip',
    );
    const back: Uint8Array[] = [];
    for await (const c of files.read('packages/big.zip')) back.push(c);
    // Assess
    expect([bytes, small]).toEqual([20 * 1024 * 1024, 1024 * 1024]);
    expect(sha(Buffer.concat(back))).toBe(sha(Buffer.concat(chunks)));
    expect(await files.head('packages/big.zip')).toMatchObject({ sizeBytes: 20 * 1024 * 1024 });
    expect(sha(await files.get('packages/small.zip'))).toBe(sha(chunks[0]!));
  });
});
