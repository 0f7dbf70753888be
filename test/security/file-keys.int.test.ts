import { deliverableUploadSchema } from '@weibao/api';
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
const jcey = '/api/hospitals/jcey/contracts/01KAW00000000000000000JCEY';

/** A file uploaded through the presigned PUT the server issued; its key. */
async function uploaded(contract: string, item: string, content: string): Promise<string> {
  const upload = deliverableUploadSchema.parse(
    (
      await call(manager, 'POST', `${contract}/deliverables/1/${item}/uploads`, {
        fileName: '会议纪要.pdf',
        contentType: 'application/pdf',
        sizeBytes: Buffer.byteLength(content),
      })
    ).body,
  );
  const put = await fetch(upload.uploadUrl, {
    method: 'PUT',
    headers: upload.headers,
    body: content,
  });
  expect(put.status).toBe(200);
  return upload.fileKey;
}

describe('an object key that comes back from a client', () => {
  it('is refused unless it is exactly a key the server issued for that item: no climbing into another hospital’s files', async () => {
    // Prepare: a file of hospital jcey, and the folder of a whzx item
    const theirs = await uploaded(jcey, 'meeting-minutes', 'jcey minutes');
    const mine = await uploaded(whzx, 'meeting-minutes', 'whzx minutes');
    const folder = mine.slice(0, mine.lastIndexOf('/') + 1);
    const climbing = `${folder}${'../'.repeat(folder.split('/').length - 1)}${theirs}`;
    const notIssued = `${folder}minutes.pdf`;
    const otherItem = mine.replace('/meeting-minutes/', '/tuning-records/');
    // Act
    const answers = await Promise.all(
      [climbing, `${folder}..%2F${theirs}`, notIssued, theirs, otherItem].map((fileKey) =>
        call(manager, 'PUT', `${whzx}/deliverables/1/meeting-minutes`, {
          state: 'attached',
          version: 0,
          fileKey,
          fileName: '会议纪要.pdf',
        }),
      ),
    );
    const own = await call(manager, 'PUT', `${whzx}/deliverables/1/meeting-minutes`, {
      state: 'attached',
      version: 0,
      fileKey: mine,
      fileName: '会议纪要.pdf',
    });
    // Assess: each refused with the field named; the issued key is taken
    for (const a of answers) {
      expect(a.status, JSON.stringify(a.body)).toBe(400);
      expect(a.body).toMatchObject({ errors: [{ path: 'fileKey' }] });
    }
    expect(own.status).toBe(200);
  });
});
