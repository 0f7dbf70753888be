import { ticketEventSchema, ticketUploadSchema, ticketWithSlaSchema } from '@weibao/api';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { caller } from '../faults/support.ts';
import { useTestStack } from '../support/stack.ts';

const stack = await useTestStack();
const call = caller(stack);

const it_ = 'it@whch.example';
const dept = 'dept@whch.example';
const otherHospitalIt = 'it@second.example';
const tickets = '/api/hospitals/whzx/tickets';
// The first bytes of a JPEG, and some more: what a phone's photo starts with.
const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);

/** A photo uploaded as the form does it: ask for a URL, PUT the bytes there. */
async function uploadPhoto(who: string, hospitalId: string, bytes = photo) {
  const asked = await call(who, 'POST', `/api/hospitals/${hospitalId}/ticket-uploads`, {
    filename: '病区终端报错.jpg',
    contentType: 'image/jpeg',
    sizeBytes: bytes.length,
  });
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  const upload = ticketUploadSchema.parse(asked.body);
  const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: bytes });
  expect(put.status).toBe(200);
  return upload.key;
}

function report(attachments: { key: string; filename: string }[]) {
  return call(it_, 'POST', tickets, {
    kind: 'fault',
    severity: 'serious',
    subsystemId: 's3',
    title: '护士站终端无法打印腕带',
    description: '见附件照片',
    attachments,
  });
}

function refusedAt(res: { status: number; headers: Headers; body: unknown }, path: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(JSON.stringify(res.body)).toContain(`"path":"${path}"`);
}

describe('a fault report’s attachments (presigned uploads)', () => {
  it('links an uploaded photo to the new ticket’s report, and hands a download link that gives the same bytes', async () => {
    // Prepare
    const key = await uploadPhoto(it_, 'whzx');

    // Act
    const created = await report([{ key, filename: '病区终端报错.jpg' }]);

    // Assess: on the created event as mail attachments are, and downloadable by the hospital
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const ticket = ticketWithSlaSchema.parse(created.body).ticket;
    expect(key.startsWith('hospitals/whzx/tickets/uploads/')).toBe(true);
    const events = z
      .object({ items: z.array(ticketEventSchema) })
      .parse((await call(dept, 'GET', `${tickets}/${ticket.id}/events`)).body).items;
    expect(events[0]?.data.attachments).toEqual([
      {
        filename: '病区终端报错.jpg',
        contentType: 'image/jpeg',
        size: photo.length,
        key,
        inline: false,
        contentId: null,
      },
    ]);
    const link = await call(
      dept,
      'GET',
      `${tickets}/${ticket.id}/attachment?key=${encodeURIComponent(key)}`,
    );
    expect(link.status, JSON.stringify(link.body)).toBe(200);
    const file = await fetch(z.object({ url: z.string() }).parse(link.body).url);
    expect(Buffer.from(await file.arrayBuffer()).equals(photo)).toBe(true);
  });

  it('refuses a forged key, another hospital’s upload, a key never uploaded and one named twice, with problem+json at attachments.N, and opens no ticket', async () => {
    // Prepare: an upload of jcey's, one of ours, and a key of the right shape that nothing was put to
    const theirs = await uploadPhoto(otherHospitalIt, 'jcey');
    const ours = await uploadPhoto(it_, 'whzx');
    const never = 'hospitals/whzx/tickets/uploads/01KAW0000000000000000NEVER.jpg';
    const name = '病区终端报错.jpg';
    const before = await call(it_, 'GET', `${tickets}?limit=100`);

    // Act
    const forged = await report([
      { key: 'hospitals/whzx/tickets/uploads/../../jcey/x.jpg', filename: name },
    ]);
    const foreign = await report([{ key: theirs, filename: name }]);
    const missing = await report([
      { key: ours, filename: name },
      { key: never, filename: name },
    ]);
    const twice = await report([
      { key: ours, filename: name },
      { key: ours, filename: name },
    ]);
    const renamed = await report([{ key: ours, filename: '报告.pdf' }]);

    // Assess
    refusedAt(forged, 'attachments.0');
    refusedAt(foreign, 'attachments.0');
    refusedAt(missing, 'attachments.1');
    refusedAt(twice, 'attachments.1');
    refusedAt(renamed, 'attachments.0');
    const after = await call(it_, 'GET', `${tickets}?limit=100`);
    expect(JSON.stringify(after.body)).toBe(JSON.stringify(before.body));
  });

  it('refuses an upload of a type or size outside the bounds before any URL is given, at the field', async () => {
    // Act
    const exe = await call(it_, 'POST', '/api/hospitals/whzx/ticket-uploads', {
      filename: 'setup.exe',
      contentType: 'application/octet-stream',
      sizeBytes: 100,
    });
    const huge = await call(it_, 'POST', '/api/hospitals/whzx/ticket-uploads', {
      filename: '录像.zip',
      contentType: 'application/zip',
      sizeBytes: 21 * 1024 * 1024,
    });

    // Assess
    refusedAt(exe, 'contentType');
    refusedAt(huge, 'sizeBytes');
  });

  it('carries a photo with a report that joins an open ticket, and gives no link to a file the ticket does not name', async () => {
    // Prepare: a ticket, and the ward's photo
    const first = ticketWithSlaSchema.parse((await report([])).body).ticket;
    const key = await uploadPhoto(dept, 'whzx');

    // Act
    const joined = await call(dept, 'POST', `${tickets}/${first.id}/events`, {
      type: 'linked-report',
      version: first.version,
      description: '儿科病区同样无法打印',
      attachments: [{ key, filename: '儿科.jpg' }],
    });
    const stray = await uploadPhoto(dept, 'whzx');
    const strayLink = await call(
      dept,
      'GET',
      `${tickets}/${first.id}/attachment?key=${encodeURIComponent(stray)}`,
    );

    // Assess
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    const events = z
      .object({ items: z.array(ticketEventSchema) })
      .parse((await call(dept, 'GET', `${tickets}/${first.id}/events`)).body).items;
    const linked = events.find((e) => e.type === 'linked-report');
    expect(linked?.data.attachments).toMatchObject([{ key, filename: '儿科.jpg' }]);
    expect(strayLink.status).toBe(404);
  });
});
