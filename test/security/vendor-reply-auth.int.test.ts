import { describe, expect, it } from 'vitest';
import { hmacLinkKey } from '@weibao/adapters';
import { listOf, ticketEventSchema, ticketSchema, ticketWithSlaSchema } from '@weibao/api';
import { receivedEmails } from '@weibao/local';
import { vendorReplyAddress } from '@weibao/usecases';
import { useTestStack } from '../support/stack.ts';
import { sendRaw, uniqueMessageId, until } from '../mail/support.ts';

const stack = await useTestStack();

const intake = 'whzx@intake.example';
const engineer = 'engineer@vendor.example';

async function get(path: string) {
  const res = await stack.fetchAs('admin@vendor.example', path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as unknown;
}
const tickets = async () =>
  listOf(ticketSchema).parse(await get('/api/hospitals/whzx/tickets?limit=100')).items;
const events = async (ticketId: string) =>
  ((await get(`/api/hospitals/whzx/tickets/${ticketId}/events`)) as { items: unknown[] }).items.map(
    (e) => ticketEventSchema.parse(e),
  );

function message(from: string, to: string, subject: string, text: string): string {
  return [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
    `Message-ID: ${uniqueMessageId()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '',
  ].join('\r\n');
}

async function reportedTicket(title: string) {
  await sendRaw(stack, message('dept@whch.example', intake, title, '无法登录'), {
    from: 'dept@whch.example',
    to: [intake],
  });
  return until(async () => (await tickets()).find((t) => t.title === title), 5_000, 'the ticket');
}

async function replyAddress(ticketId: string, recipient: string) {
  const key = hmacLinkKey(Buffer.from(stack.env.linkSigningKey, 'base64'));
  return vendorReplyAddress(key, {
    intakeLocalPart: 'whzx',
    intakeDomain: 'intake.example',
    ticketId,
    recipient,
  });
}

async function reply(
  ticket: { id: string; number: string },
  to: string,
  text: string,
  from = engineer,
) {
  await sendRaw(stack, message(from, to, `Re: [${ticket.number}]`, text), {
    from,
    to: [to],
  });
  return until(
    async () => (await events(ticket.id)).find((e) => (e.data as { text?: string }).text === text),
    5_000,
    'the reply on the timeline',
  );
}

describe('a mail reply acts as the vendor only when authenticated', () => {
  it('records a spoofed vendor reply by plain SMTP as an unverified comment, not the response (响应)', async () => {
    // Prepare
    const ticket = await reportedTicket(`伪造响应 ${Date.now()}`);

    // Act
    const event = await reply(ticket, intake, '已处理（伪造）');

    // Assess
    expect(event.type).toBe('comment');
    expect(event.actor?.email).toBe(engineer);
    expect(event.actor?.role).not.toBe('support-engineer');
    expect(event.data).toMatchObject({ unverified: true });
    const after = (await tickets()).find((t) => t.id === ticket.id)!;
    expect(after.respondedAt).toBeNull();
    expect(after.status).toBe(ticket.status);
  });

  it('opens a ticket mailed from a vendor staff address as that address’s report, unverified, not as the staff account', async () => {
    // Prepare
    const title = `厂商地址报障 ${Date.now()}`;

    // Act
    await sendRaw(stack, message(engineer, intake, title, '服务器告警'), {
      from: engineer,
      to: [intake],
    });
    const ticket = await until(
      async () => (await tickets()).find((t) => t.title === title),
      5_000,
      'the ticket',
    );

    // Assess
    const created = (await events(ticket.id)).find((e) => e.type === 'created');
    expect(created?.actor?.email).toBe(engineer);
    expect(created?.actor?.role).not.toBe('support-engineer');
    expect(created?.actor?.sub).toBe(`mail:${engineer}`);
    expect(created?.data).toMatchObject({ unverified: true });
    expect(ticket.reporter.sub).toBeNull();
  });

  it('does not take a reply address signed for another ticket or another recipient as the vendor', async () => {
    // Prepare
    const ticket = await reportedTicket(`他单令牌 ${Date.now()}`);
    const other = await reportedTicket(`另一张 ${Date.now()}`);

    // Act
    const forOther = await reply(ticket, await replyAddress(other.id, engineer), '令牌属于他单');
    const forSomeoneElse = await reply(
      ticket,
      await replyAddress(ticket.id, 'manager@vendor.example'),
      '令牌属于他人',
    );

    // Assess
    expect([forOther.type, forSomeoneElse.type]).toEqual(['comment', 'comment']);
    expect((await tickets()).find((t) => t.id === ticket.id)?.respondedAt).toBeNull();
  });

  it('takes a vendor engineer’s reply to the reply address signed for them and the ticket as the response', async () => {
    // Prepare
    const ticket = await reportedTicket(`签名回复 ${Date.now()}`);

    // Act
    const event = await reply(ticket, await replyAddress(ticket.id, engineer), '已远程处理');

    // Assess
    expect(event.type).toBe('response');
    expect(event.actor?.email).toBe(engineer);
    expect((await tickets()).find((t) => t.id === ticket.id)?.respondedAt).not.toBeNull();
  });

  it('gives each recipient of a breach escalation a reply address of their own, and the service manager’s reply to it is the response', async () => {
    // Prepare: a fatal fault reported by phone 59 min 52 s ago, so its response deadline passes now
    const title = `超时回复 ${Date.now()}`;
    const res = await stack.fetchAs('engineer@vendor.example', '/api/hospitals/whzx/tickets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'fault',
        severity: 'fatal',
        channel: 'phone',
        subsystemId: 's1',
        title,
        description: '医嘱无法提交',
        reporter: { name: '刘洋', phone: '027-00000000' },
        reportedAt: new Date(stack.now() - 59 * 60_000 - 52_000).toISOString(),
      }),
    });
    expect(res.status).toBe(201);
    const { ticket } = ticketWithSlaSchema.parse(await res.json());
    const breachMails = async () =>
      (await receivedEmails(stack.urls.sesv2)).filter(
        (m) => m.subject.includes(ticket.number) && m.subject.includes('已超时'),
      );
    // The escalation contacts (信息中心主任, the service manager) are told; one message each
    await until(
      async () => ((await breachMails()).length >= 2 ? true : undefined),
      20_000,
      'the breach escalation to both contacts',
    );
    const mails = await breachMails();
    const manager = 'manager@vendor.example';
    const byRecipient = new Map(mails.map((m) => [m.destination.to.join(','), m]));
    expect(mails.map((m) => m.destination.to.length)).toEqual([1, 1]);
    expect([...byRecipient.keys()].sort()).toEqual(['it-director@whch.example', manager]);
    const managerReplyTo = byRecipient.get(manager)?.replyTo ?? [];
    expect(managerReplyTo).toEqual([await replyAddress(ticket.id, manager)]);
    expect(byRecipient.get('it-director@whch.example')?.replyTo).toEqual([
      await replyAddress(ticket.id, 'it-director@whch.example'),
    ]);

    // Act: the service manager answers the escalation from the mail client
    const event = await reply(ticket, managerReplyTo[0]!, '已联系工程师到场', manager);

    // Assess
    expect(event.type).toBe('response');
    expect(event.actor?.email).toBe(manager);
    expect((await tickets()).find((t) => t.id === ticket.id)?.respondedAt).not.toBeNull();
  }, 60_000);
});
