import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Local, type S3Local } from './s3-local.ts';

let s3: S3Local;
beforeAll(async () => {
  s3 = await startS3Local({
    port: 0,
    buckets: ['weibao-files', 'weibao-mail'],
    browserBuckets: ['weibao-files'],
  });
});
afterAll(async () => {
  await s3?.stop();
});

const preflight = (bucket: string, origin: string) =>
  fetch(`${s3.endpoint}/${bucket}/hospitals/whzx/proof.pdf`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type',
    },
  });

describe('the local files bucket for uploads from the browser', () => {
  it('lets a page of the local stack PUT a presigned upload to the files bucket', async () => {
    const res = await preflight('weibao-files', 'http://127.0.0.1:3000');
    expect(res.status).toBe(200);
    // s3rver answers * once a rule matched; the next test shows which origins match.
    expect(['*', 'http://127.0.0.1:3000']).toContain(
      res.headers.get('access-control-allow-origin'),
    );
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
  });

  it('refuses pages of other sites, and browser uploads to the mail bucket', async () => {
    expect((await preflight('weibao-files', 'https://evil.example')).status).toBe(403);
    expect((await preflight('weibao-mail', 'http://127.0.0.1:3000')).status).toBe(403);
  });
});
