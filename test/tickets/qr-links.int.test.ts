import {
  qrLinkDescriptionSchema,
  qrLinkSchema,
  qrReportResultSchema,
  ticketEventSchema,
  ticketSchema,
  ticketUploadSchema,
} from '@weibao/api';
import { unzipSync } from 'fflate';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { caller } from '../faults/support.ts';
import { assertSoffice, docxText } from '../support/soffice.ts';
import { useTestStack } from '../support/stack.ts';

beforeAll(() => assertSoffice());
const stack = await useTestStack();
const call = caller(stack);

const it_ = 'it@whch.example';
const dept = 'dept@whch.example';
const otherHospitalIt = 'it@second.example';
const qrLinks = '/api/hospitals/whzx/qr-links';
const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1500, 9)]);
let unique = 0;
const nextKey = (what: string) => `${what}-${Date.now()}-${unique++}`;

/** A public request, as the phone sends it: no token at all. */
async function anonymous(method: string, path: string, body?: unknown, key?: string) {
  const res = await fetch(new URL(path, stack.urls.api), {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(key ? { 'idempotency-key': key } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text ? (JSON.parse(text) as unknown) : null,
  };
}

async function createLink(department: string, campus?: string) {
  const res = await call(
    it_,
    'POST',
    qrLinks,
    { department, ...(campus ? { campus } : {}) },
    { 'idempotency-key': nextKey('qr') },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const link = qrLinkSchema.parse(res.body);
  const token = new URL(link.url).pathname.replace(/^\/r\//, '');
  return { link, token };
}

function report(token: string, extra: Record<string, unknown> = {}, key = nextKey('report')) {
  return anonymous(
    'POST',
    '/api/links/qr-report',
    {
      token,
      name: '王护士',
      phone: '027-85726001',
      description: '护士站电脑打不开医嘱界面\n重启后仍然报错',
      ...extra,
    },
    key,
  );
}

async function ticketNumbered(number: string) {
  const list = await call(it_, 'GET', '/api/hospitals/whzx/tickets?limit=100');
  const items = z.object({ items: z.array(ticketSchema) }).parse(list.body).items;
  const found = items.find((t) => t.number === number);
  if (!found) throw new Error(`no ticket ${number} in the hospital's list`);
  return found;
}

function goneInChinese(res: { status: number; body: unknown }) {
  expect(res.status, JSON.stringify(res.body)).toBe(410);
  expect(z.object({ detail: z.string() }).parse(res.body).detail).toBe(
    '该报修二维码已停用，请联系医院信息中心或拨打报修电话',
  );
}

describe('扫码报修: a department’s QR link opens a report form without an account', () => {
  it('turns a report with a photo into a ticket of the link’s department and campus, once per Idempotency-Key, and counts its use', async () => {
    // Prepare: the IT center's link for a ward of 后湖院区, and a photo uploaded through the link
    const { link, token } = await createLink('心内科一病区', '后湖院区');
    const described = await anonymous(
      'GET',
      `/api/links/qr-report?token=${encodeURIComponent(token)}`,
    );
    const asked = await anonymous('POST', '/api/links/qr-report/uploads', {
      token,
      file: { filename: '报错.jpg', contentType: 'image/jpeg', sizeBytes: photo.length },
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const upload = ticketUploadSchema.parse(asked.body);
    const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: photo });
    expect(put.status).toBe(200);
    const key = nextKey('report');

    // Act
    const first = await report(
      token,
      { attachments: [{ key: upload.key, filename: '报错.jpg' }] },
      key,
    );
    const again = await report(
      token,
      { attachments: [{ key: upload.key, filename: '报错.jpg' }] },
      key,
    );

    // Assess
    expect(qrLinkDescriptionSchema.parse(described.body)).toEqual({
      hospitalName: expect.any(String),
      department: '心内科一病区',
      campus: '后湖院区',
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const { number } = qrReportResultSchema.parse(first.body);
    expect(qrReportResultSchema.parse(again.body).number).toBe(number);
    const ticket = await ticketNumbered(number);
    expect(ticket).toMatchObject({
      kind: 'fault',
      channel: 'qr',
      severity: 'minor',
      severityConfirmed: false,
      campus: '后湖院区',
      place: '心内科一病区',
      title: '心内科一病区报修：护士站电脑打不开医嘱界面',
      reporter: expect.objectContaining({ name: '王护士', phone: '027-85726001' }),
    });
    const events = z
      .object({ items: z.array(ticketEventSchema) })
      .parse(
        (await call(dept, 'GET', `/api/hospitals/whzx/tickets/${ticket.id}/events`)).body,
      ).items;
    expect(events[0]?.data.attachments).toEqual([
      expect.objectContaining({ key: upload.key, size: photo.length, contentType: 'image/jpeg' }),
    ]);
    const listed = z
      .object({ items: z.array(qrLinkSchema) })
      .parse((await call(it_, 'GET', qrLinks)).body)
      .items.find((l) => l.id === link.id);
    expect(listed).toMatchObject({ useCount: 1, lastUsedAt: ticket.reportedAt, revokedAt: null });
  });

  it('answers 410 in Chinese to the form, its photos and its reports once the IT center revoked the link (version-checked, a retried revoke answered alike)', async () => {
    // Prepare
    const { link, token } = await createLink('检验科', '南京路院区');
    const before = await report(token);
    expect(before.status, JSON.stringify(before.body)).toBe(201);

    // Act
    const stale = await call(it_, 'POST', `${qrLinks}/${link.id}/revoke`, { version: 7 });
    const revoked = await call(it_, 'POST', `${qrLinks}/${link.id}/revoke`, {
      version: link.version,
    });
    // The same request again (its answer lost): the stored result, not a conflict.
    const retried = await call(it_, 'POST', `${qrLinks}/${link.id}/revoke`, {
      version: link.version,
    });
    const twice = await call(it_, 'POST', `${qrLinks}/${link.id}/revoke`, {
      version: link.version + 1,
    });
    const opened = await anonymous(
      'GET',
      `/api/links/qr-report?token=${encodeURIComponent(token)}`,
    );
    const photoAsked = await anonymous('POST', '/api/links/qr-report/uploads', {
      token,
      file: { filename: '报错.jpg', contentType: 'image/jpeg', sizeBytes: 100 },
    });
    const posted = await report(token);

    // Assess
    expect(stale.status, JSON.stringify(stale.body)).toBe(409);
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(qrLinkSchema.parse(revoked.body)).toMatchObject({
      revokedAt: expect.any(String),
      version: link.version + 1,
      useCount: 1,
    });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body).toEqual(revoked.body);
    expect(twice.status).toBe(409);
    goneInChinese(opened);
    goneInChinese(photoAsked);
    goneInChinese(posted);
  });

  it('refuses a forged token, one re-signed for another hospital’s path, and managers of other hospitals or roles', async () => {
    // Prepare: the payload changed to name another hospital, the signature kept
    const { link, token } = await createLink('放射科', '杨春湖院区');
    const [payload, mac] = token.split('.') as [string, string];
    const json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const otherPayload = Buffer.from(JSON.stringify({ ...json, hospitalId: 'jcey' })).toString(
      'base64url',
    );

    // Act
    const forged = await report(`${otherPayload}.${mac}`);
    const garbled = await report(`${payload}.${mac.slice(0, -2)}xx`);
    const byDept = await call(dept, 'POST', qrLinks, { department: '药剂科', campus: '后湖院区' });
    const otherList = await call(otherHospitalIt, 'GET', qrLinks);
    const otherRevoke = await call(otherHospitalIt, 'POST', `${qrLinks}/${link.id}/revoke`, {
      version: link.version,
    });
    const unknownCampus = await call(it_, 'POST', qrLinks, {
      department: '药剂科',
      campus: '光谷院区',
    });

    // Assess
    for (const refused of [forged, garbled]) {
      expect(refused.status, JSON.stringify(refused.body)).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('"path":"token"');
    }
    expect(byDept.status).toBe(403);
    expect(otherList.status).toBe(404);
    expect(otherRevoke.status).toBe(404);
    expect(unknownCampus.status).toBe(400);
    expect(JSON.stringify(unknownCampus.body)).toContain('"path":"campus"');
  });

  it('takes at most 10 reports through one link in 10 minutes, then answers 429 in Chinese; another link is not held up', async () => {
    // Prepare
    const { token } = await createLink('急诊科', '后湖院区');
    const { token: other } = await createLink('儿科', '后湖院区');
    const statuses: number[] = [];

    // Act
    for (let i = 0; i < 10; i++) statuses.push((await report(token)).status);
    const eleventh = await report(token);
    const elsewhere = await report(other);

    // Assess
    expect(statuses).toEqual(Array.from({ length: 10 }, () => 201));
    expect(eleventh.status, JSON.stringify(eleventh.body)).toBe(429);
    expect(eleventh.headers.get('content-type')).toContain('application/problem+json');
    expect(z.object({ detail: z.string() }).parse(eleventh.body).detail).toContain('过于频繁');
    expect(elsewhere.status).toBe(201);
  });

  it('prints a link’s poster as DOCX: the hospital, 扫码报修, campus and department, and a QR code of exactly the link; none for a revoked link', async () => {
    // Prepare
    const { link } = await createLink('消化内科', '南京路院区');
    const stopped = await createLink('眼科', '南京路院区');
    await call(it_, 'POST', `${qrLinks}/${stopped.link.id}/revoke`, {
      version: stopped.link.version,
    });
    const token = await stack.tokenFor(it_);

    // Act
    const poster = await fetch(new URL(`${qrLinks}/${link.id}/poster`, stack.urls.api), {
      headers: { authorization: `Bearer ${token}` },
    });
    const none = await call(it_, 'GET', `${qrLinks}/${stopped.link.id}/poster`);

    // Assess: LibreOffice reads the words back; the image is the QR code of the link's URL
    expect(poster.status).toBe(200);
    expect(poster.headers.get('content-type')).toContain('wordprocessingml');
    const bytes = Buffer.from(await poster.arrayBuffer());
    const { text } = docxText(bytes);
    for (const words of ['扫码报修', '南京路院区 · 消化内科', '无需登录'])
      expect(text).toContain(words);
    expect(text).not.toContain(link.id);
    const images = Object.entries(unzipSync(bytes)).filter(([name]) => name.endsWith('.png'));
    const expected = await QRCode.toBuffer(link.url, {
      type: 'png',
      errorCorrectionLevel: 'M',
      margin: 2,
      width: 600,
    });
    expect(images.map(([, png]) => Buffer.from(png).equals(expected))).toEqual([true]);
    expect(none.status).toBe(409);
  });
});
