import { describe, expect, it } from 'vitest';
import {
  listOf,
  quarantinedMailSchema,
  quarantinedMailWithBodySchema,
  ticketEventSchema,
  ticketSchema,
} from '@weibao/api';
import { useTestStack } from '../support/stack.ts';
import { mailTo, sendRaw, uniqueMessageId, until } from './support.ts';

const stack = await useTestStack();

const admin = 'admin@vendor.example';

async function call(email: string, method: string, path: string, body?: unknown) {
  const res = await stack.fetchAs(email, path, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}
const waiting = async () =>
  listOf(quarantinedMailSchema).parse(
    (await call(admin, 'GET', '/api/mail/quarantine?limit=100')).body,
  ).items;

describe('the mail quarantine', () => {
  it('keeps mail to an unknown intake address with its reason, and a vendor admin’s assignment makes it a ticket', async () => {
    // Prepare
    const sender = 'it@whch.example';
    const messageId = uniqueMessageId();
    const subject = `发错地址的报告 ${Date.now()}`;
    const raw = [
      `From: ${sender}`,
      'To: wuhan-central@intake.example',
      `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
      `Message-ID: ${messageId}`,
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>门诊医嘱无法打印</p><img src=x onerror="alert(1)"><script>alert(2)</script>',
      '',
    ].join('\r\n');

    // Act: delivered twice, as a retrying server would
    await sendRaw(stack, raw, { from: sender, to: ['wuhan-central@intake.example'] });
    await sendRaw(stack, raw, { from: sender, to: ['wuhan-central@intake.example'] });

    // Assess: one record, with its reason, no ticket, no acknowledgement
    const mine = (await waiting()).filter((q) => q.messageId === messageId);
    expect(mine).toHaveLength(1);
    const q = mine[0]!;
    expect(q).toMatchObject({
      reason: 'unknown-intake-address',
      status: 'waiting',
      from: sender,
      subject,
      recipients: ['wuhan-central@intake.example'],
    });
    expect(await mailTo(stack, sender)).toEqual([]);
    const one = quarantinedMailWithBodySchema.parse(
      (await call(admin, 'GET', `/api/mail/quarantine/${q.id}`)).body,
    );
    expect(one.body?.html).toContain('门诊医嘱无法打印');
    expect(one.body?.html).not.toMatch(/script|onerror|alert/);

    // Only vendor admins decide
    expect((await call('engineer@vendor.example', 'GET', '/api/mail/quarantine')).status).toBe(403);
    expect((await call('it@whch.example', 'GET', `/api/mail/quarantine/${q.id}`)).status).toBe(403);

    // Act: the vendor admin assigns it to 武汉市中心医院
    const assigned = await call(admin, 'POST', `/api/mail/quarantine/${q.id}/assign`, {
      version: q.version,
      hospitalId: 'whzx',
      reason: '医院写错了地址',
    });

    // Assess
    expect(assigned.status).toBe(200);
    const decided = quarantinedMailSchema.parse(assigned.body);
    expect(decided).toMatchObject({
      status: 'assigned',
      decision: { hospitalId: 'whzx', reason: '医院写错了地址' },
    });
    const ticketId = decided.decision!.ticketId!;
    const ticket = ticketSchema.parse(
      (
        (await call(admin, 'GET', `/api/hospitals/whzx/tickets/${ticketId}`)).body as {
          ticket: unknown;
        }
      ).ticket,
    );
    expect(ticket).toMatchObject({ title: subject, channel: 'email' });
    const created = ticketEventSchema.parse(
      (
        (await call(admin, 'GET', `/api/hospitals/whzx/tickets/${ticketId}/events`)).body as {
          items: unknown[];
        }
      ).items[0],
    );
    expect(created.data.html).not.toMatch(/script|onerror/);
    await until(
      async () => (await mailTo(stack, sender)).find((m) => m.subject.includes(ticket.number)),
      5_000,
      'the acknowledgement',
    );
    expect((await waiting()).some((w) => w.id === q.id)).toBe(false);

    // A second decision on the same message is refused
    const again = await call(admin, 'POST', `/api/mail/quarantine/${q.id}/discard`, {
      version: decided.version,
      reason: '重复',
    });
    expect(again.status).toBe(409);
  });

  it('quarantines what is not a message, and a vendor admin discards it with a reason', async () => {
    // Act
    await sendRaw(stack, `just some bytes ${Date.now()} without any header\r\n`, {
      from: 'robot@elsewhere.example',
      to: ['whzx@intake.example'],
    });

    // Assess
    const q = (await waiting()).find((w) => w.reason === 'unreadable');
    expect(q).toBeDefined();
    const one = quarantinedMailWithBodySchema.parse(
      (await call(admin, 'GET', `/api/mail/quarantine/${q!.id}`)).body,
    );
    expect(one.body).toBeNull();
    expect(one.unreadable).toMatch(/not a message/i);
    const refused = await call(admin, 'POST', `/api/mail/quarantine/${q!.id}/assign`, {
      version: q!.version,
      hospitalId: 'whzx',
    });
    expect(refused.status).toBe(400);

    // Act
    const discarded = await call(admin, 'POST', `/api/mail/quarantine/${q!.id}/discard`, {
      version: q!.version,
      reason: '不是邮件',
    });

    // Assess
    expect(discarded.status).toBe(200);
    expect(quarantinedMailSchema.parse(discarded.body)).toMatchObject({
      status: 'discarded',
      decision: { reason: '不是邮件', by: { email: admin } },
    });
  });

  it('gives an intake address to one hospital only', async () => {
    const res = await call(admin, 'POST', '/api/hospitals', {
      id: `copy-${Date.now()}`,
      name: '抄袭医院',
      code: 'COPY',
      campuses: [],
      intakeLocalPart: 'whzx',
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ errors: [{ path: 'intakeLocalPart' }] });
  });

  it('releases a hospital’s old intake address when it changes it, so another hospital may take it', async () => {
    // Prepare
    const n = Date.now();
    const first = await call(admin, 'POST', '/api/hospitals', {
      id: `move-${n}`,
      name: '改地址医院',
      code: 'MOVE',
      campuses: [],
      intakeLocalPart: `old-${n}`,
    });
    expect(first.status).toBe(201);

    // Act
    const moved = await call(admin, 'PATCH', `/api/hospitals/move-${n}`, {
      version: 1,
      intakeLocalPart: `new-${n}`,
    });
    const taker = await call(admin, 'POST', '/api/hospitals', {
      id: `take-${n}`,
      name: '接手医院',
      code: 'TAKE',
      campuses: [],
      intakeLocalPart: `old-${n}`,
    });

    // Assess: the old address went to the second hospital; the new one stays the first's
    expect(moved.status).toBe(200);
    expect(taker.status).toBe(201);
    const thief = await call(admin, 'POST', '/api/hospitals', {
      id: `thief-${n}`,
      name: '另一家医院',
      code: 'THIEF',
      campuses: [],
      intakeLocalPart: `new-${n}`,
    });
    expect(thief.status).toBe(409);
    expect(thief.body).toMatchObject({ errors: [{ path: 'intakeLocalPart' }] });
  });
});
