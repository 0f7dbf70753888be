import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmacLinkKey } from '@weibao/adapters';
import { listOf, ticketEventSchema, ticketSchema } from '@weibao/api';
import { vendorReplyAddress } from '@weibao/usecases';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { sendRaw, uniqueMessageId, until } from '../mail/support.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

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

async function reply(ticket: { id: string; number: string }, to: string, text: string) {
  await sendRaw(stack, message(engineer, to, `Re: [${ticket.number}]`, text), {
    from: engineer,
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
});
