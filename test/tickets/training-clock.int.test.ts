import { listOf, ledgerEntrySchema, ticketEventSchema, ticketSchema } from '@weibao/api';
import { receivedEmails } from '@weibao/local';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { caller } from '../faults/support.ts';
import { sendRaw, uniqueMessageId, until } from '../mail/support.ts';
import { useTestStack } from '../support/stack.ts';

// Its own stack: the training clock moves this stack's time for everyone on it.
const stack = await useTestStack();
const call = caller(stack);

const engineer = 'engineer@vendor.example';
const admin = 'admin@vendor.example';
const contractId = '01KAW00000000000000000WHZX';
const clockSchema = z.object({ now: z.string(), beijing: z.string(), offsetMs: z.number() });

/** The training clock moved as a trainer does it: a POST to /local/clock, JSON. */
async function moveClock(body: unknown, contentType = 'application/json') {
  const res = await fetch(stack.urls.clock, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('the training clock of npm start', () => {
  it('books exactly one 1% deduction for a fatal e-mail report first answered 61 minutes after it was reported, through SMTP and the API only', async () => {
    // Prepare: a fatal report by e-mail, with no Date header, so its report time is the receipt
    // time on the stack's clock
    const reporter = 'it@whch.example';
    const title = `紧急：全院医嘱系统瘫痪（训练） ${uniqueMessageId().slice(1, 10)}`;
    await sendRaw(
      stack,
      [
        `From: 刘洋 <${reporter}>`,
        'To: whzx@intake.example',
        `Subject: =?UTF-8?B?${Buffer.from(title).toString('base64')}?=`,
        `Message-ID: ${uniqueMessageId()}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('全院医嘱无法提交，请立即处理。').toString('base64'),
        '',
      ].join('\r\n'),
      { from: reporter, to: ['whzx@intake.example'] },
    );
    const ticket = await until(
      async () =>
        listOf(ticketSchema)
          .parse((await call(admin, 'GET', '/api/hospitals/whzx/tickets?limit=100')).body)
          .items.find((t) => t.title === title),
      10_000,
      'the e-mail ticket',
    );
    expect(ticket.severity).toBe('fatal');
    const before = clockSchema.parse((await (await fetch(stack.urls.clock)).json()) as unknown);

    // Act: 61 minutes pass in one request; then the engineer answers through the API
    const moved = await moveClock({ advanceMinutes: 61 });
    const path = `/api/hospitals/whzx/tickets/${ticket.id}`;
    const read = z
      .object({ ticket: ticketSchema })
      .parse((await call(engineer, 'GET', path)).body).ticket;
    const responded = await call(engineer, 'POST', `${path}/events`, {
      type: 'response',
      version: read.version,
      text: '已远程登录，正在排查。',
    });

    // Assess: the clock moved, the breach fired while it moved, and one deduction of 1%
    expect(moved.status).toBe(200);
    const after = clockSchema.parse(moved.body);
    expect(after.offsetMs - before.offsetMs).toBeGreaterThanOrEqual(61 * 60_000);
    expect(Date.parse(after.now) - Date.parse(ticket.reportedAt)).toBeGreaterThan(61 * 60_000);
    expect(read.slaMarks).toContain('response:breach');
    expect(responded.status, JSON.stringify(responded.body)).toBe(201);
    const events = z
      .object({ items: z.array(ticketEventSchema) })
      .parse((await call(engineer, 'GET', `${path}/events`)).body).items;
    const response = events.find((e) => e.type === 'response');
    expect(Date.parse(response!.at) - Date.parse(ticket.reportedAt)).toBeGreaterThan(61 * 60_000);
    const ledger = listOf(ledgerEntrySchema)
      .parse((await call(admin, 'GET', `/api/hospitals/whzx/contracts/${contractId}/ledger`)).body)
      .items.filter((e) => e.ticketId === ticket.id);
    // 1% of the demo contract's ¥188,000.00 total
    expect(ledger.map((e) => [e.ruleId, e.amountFen])).toEqual([['late-response', 188_000]]);
    const escalations = (await receivedEmails(stack.urls.sesv2)).filter(
      (m) => m.subject.includes(ticket.number) && m.subject.includes('已超时'),
    );
    expect(escalations.length).toBeGreaterThan(0);
  }, 40_000);

  it('only moves forward, and refuses a move in Chinese with the field, or without JSON', async () => {
    // Prepare
    const before = clockSchema.parse((await (await fetch(stack.urls.clock)).json()) as unknown);

    // Act
    const back = await moveClock({ advanceMinutes: -5 });
    const past = await moveClock({ at: '2020-01-01T00:00:00Z' });
    const noZone = await moveClock({ at: '2030-01-01T00:00:00' });
    const form = await moveClock({ advanceMinutes: 5 }, 'text/plain');
    const to = new Date(Date.parse(before.now) + 2 * 3_600_000).toISOString();
    const set = await moveClock({ at: to });

    // Assess
    expect(back).toMatchObject({ status: 400, body: { errors: [{ path: 'advanceMinutes' }] } });
    expect(JSON.stringify(back.body)).toContain('只能向前');
    expect(past).toMatchObject({ status: 400, body: { errors: [{ path: 'at' }] } });
    expect(noZone).toMatchObject({ status: 400, body: { errors: [{ path: 'at' }] } });
    expect(form.status).toBe(415);
    expect(set.status).toBe(200);
    const now = clockSchema.parse(set.body);
    expect(Date.parse(now.now)).toBeGreaterThanOrEqual(Date.parse(to));
    expect(Date.parse(now.now) - Date.parse(to)).toBeLessThan(5_000);
    expect(now.beijing).toBe(
      new Date(Date.parse(now.now) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' '),
    );
  });
});
