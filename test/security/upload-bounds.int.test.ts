import { deliverableUploadSchema, deliverablesPackageSchema } from '@weibao/api';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller } from '../faults/support.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  stack = await startTestStack();
  call = caller(stack);
});
afterAll(async () => {
  await stack?.stop();
});

const manager = 'manager@vendor.example';
const whzx = '/api/hospitals/whzx/contracts/01KAW00000000000000000WHZX';
const minutes = '%PDF-1.4 会议纪要';

const requestUpload = (sizeBytes: number) =>
  call(manager, 'POST', `${whzx}/deliverables/1/meeting-minutes/uploads`, {
    fileName: '会议纪要.pdf',
    contentType: 'application/pdf',
    sizeBytes,
  });

describe('an upload URL for a deliverable', () => {
  it('is signed for the declared type and length, so S3 stores no other type or size, and is refused over 200 MB', async () => {
    // Prepare
    const size = Buffer.byteLength(minutes);
    const upload = deliverableUploadSchema.parse((await requestUpload(size)).body);
    const put = (headers: Record<string, string>, body: string) =>
      fetch(upload.uploadUrl, { method: 'PUT', headers, body });
    // Act
    const tooLarge = await requestUpload(200 * 1024 * 1024 + 1);
    const larger = await put(upload.headers, `${minutes}${'x'.repeat(5000)}`);
    const html = await put({ 'content-type': 'text/html' }, minutes);
    const declared = await put(upload.headers, minutes);
    // Assess
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body).toMatchObject({ errors: [{ path: 'sizeBytes' }] });
    expect(new URL(upload.uploadUrl).searchParams.get('X-Amz-SignedHeaders')).toBe(
      'content-length;content-type;host',
    );
    expect(upload.headers).toEqual({ 'content-type': 'application/pdf' });
    expect([larger.status, html.status]).toEqual([403, 403]);
    expect(declared.status).toBe(200);
  });

  it('ends in the quarter’s package, which is zipped and written to S3 as a stream', async () => {
    // Prepare: the file uploaded as declared and recorded
    const upload = deliverableUploadSchema.parse(
      (await requestUpload(Buffer.byteLength(minutes))).body,
    );
    expect(
      (await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.headers, body: minutes }))
        .status,
    ).toBe(200);
    const list = (await call(manager, 'GET', `${whzx}/deliverables`)).body as {
      items: { quarter: number; version: number }[];
    };
    const recorded = await call(manager, 'PUT', `${whzx}/deliverables/1/meeting-minutes`, {
      state: 'attached',
      version: list.items.find((q) => q.quarter === 1)?.version ?? 0,
      fileKey: upload.fileKey,
      fileName: '会议纪要.pdf',
    });
    expect(recorded.status).toBe(200);
    // Act
    const packed = await call(manager, 'POST', `${whzx}/deliverables/1/package`);
    // Assess: the zip's bytes are what was reported, and it holds the file byte for byte
    expect(packed.status, JSON.stringify(packed.body)).toBe(200);
    const pack = deliverablesPackageSchema.parse(packed.body);
    const zip = new Uint8Array(await (await fetch(pack.downloadUrl)).arrayBuffer());
    expect(zip.byteLength).toBe(pack.bytes);
    const files = unzipSync(zip);
    const name = Object.keys(files).find((n) => n.endsWith('/会议纪要.pdf'));
    expect(new TextDecoder().decode(files[name ?? ''])).toBe(minutes);
  });
});
