import { listOf, ledgerEntrySchema, ticketEventSchema, ticketWithSlaSchema } from '@weibao/api';
import { receivedEmails } from '@weibao/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { admin, caller, engineer, phoneReport } from './support.ts';

let stack: TestStack;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  stack = await startTestStack();
  call = caller(stack);
});
afterAll(async () => {
  await stack?.stop();
});

const contractId = '01KAW00000000000000000WHZX';
const eventsOf = async (ticketId: string) =>
  z
    .object({ items: z.array(ticketEventSchema) })
    .parse((await call(admin, 'GET', `/api/hospitals/whzx/tickets/${ticketId}/events`)).body).items;
const ledgerOf = async (ticketId: string) =>
  listOf(ledgerEntrySchema)
    .parse((await call(admin, 'GET', `/api/hospitals/whzx/contracts/${contractId}/ledger`)).body)
    .items.filter((e) => e.ticketId === ticketId);

describe('at-least-once delivery makes one effect', () => {
  it('books one deduction, one breach and one escalation email to each contact when one SLA timer event is delivered ten times at once', async () => {
    // Prepare: a fatal phone report whose 1-hour response deadline passes in 2 s.
    const created = await call(
      engineer,
      'POST',
      '/api/hospitals/whzx/tickets',
      phoneReport('医嘱系统中断（重复投递）', 60 * 60_000 - 2_000, 'fatal'),
    );
    expect(created.status).toBe(201);
    const { ticket } = ticketWithSlaSchema.parse(created.body);
    await new Promise((r) => setTimeout(r, 2_300));

    // Act: the Scheduler's own firing plus ten copies of the same event, concurrently.
    const { handler } = await import('../../functions/timers/sla-timer.ts');
    const payload = {
      kind: 'sla-timer',
      hospitalId: 'whzx',
      ticketId: ticket.id,
      clock: 'response',
      point: 'breach',
      at: new Date().toISOString(),
    };
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => handler(payload, {} as never)),
    );
    await new Promise((r) => setTimeout(r, 1_500));

    // Assess
    expect(outcomes.map((o) => o.outcome).filter((o) => o === 'recorded').length).toBeLessThan(2);
    expect((await ledgerOf(ticket.id)).map((e) => [e.ruleId, e.amountFen, e.ticketNumber])).toEqual(
      [['late-response', 188_000, ticket.number]],
    );
    const breaches = (await eventsOf(ticket.id)).filter(
      (e) => e.type === 'sla-breach' && e.data.clock === 'response',
    );
    expect(breaches).toHaveLength(1);
    const mails = (await receivedEmails(stack.urls.sesv2)).filter(
      (m) => m.subject.includes(ticket.number) && m.subject.includes('已超时'),
    );
    // One breach mail to each escalation contact (one message per person), none twice.
    expect(mails.map((m) => m.destination.to.join(',')).sort()).toEqual([
      'it-director@whch.example',
      'manager@vendor.example',
    ]);
  }, 30_000);

  it('opens one ticket when the same create is sent ten times at once with one Idempotency-Key', async () => {
    // Prepare
    const title = `接口超时（幂等重试 ${Date.now()}）`;
    const body = phoneReport(title);
    const key = `retry-${Date.now()}`;

    // Act
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(engineer, 'POST', '/api/hospitals/whzx/tickets', body, {
          'idempotency-key': key,
        }),
      ),
    );

    // Assess: one 201, the others 200 with the same ticket; one ticket in the list; one timeline.
    expect(answers.map((a) => a.status).sort()).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
    ]);
    const ids = new Set(answers.map((a) => ticketWithSlaSchema.parse(a.body).ticket.id));
    expect(ids.size).toBe(1);
    const list = z
      .object({ items: z.array(z.object({ id: z.string(), title: z.string() }).loose()) })
      .parse((await call(admin, 'GET', '/api/hospitals/whzx/tickets?limit=100')).body).items;
    expect(list.filter((t) => t.title === title)).toHaveLength(1);
    const [id] = [...ids];
    expect((await eventsOf(id as string)).filter((e) => e.type === 'created')).toHaveLength(1);
  }, 30_000);
});
