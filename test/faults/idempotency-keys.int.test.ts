import { ticketEventSchema, ticketWithSlaSchema } from '@weibao/api';
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

const tickets = '/api/hospitals/whzx/tickets';
const eventsOf = async (id: string) =>
  z
    .object({ items: z.array(ticketEventSchema) })
    .parse((await call(admin, 'GET', `${tickets}/${id}/events`)).body).items;

describe('an Idempotency-Key is bound to its request', () => {
  it('answers a repeated report with the first ticket, and refuses the key with another body (422, the header named)', async () => {
    // Prepare
    const report = phoneReport('幂等报障');
    const key = { 'idempotency-key': 'report-bound-1' };
    // Act
    const first = await call(engineer, 'POST', tickets, report, key);
    const again = await call(engineer, 'POST', tickets, report, key);
    const other = await call(engineer, 'POST', tickets, { ...report, title: '另一个故障' }, key);
    // Assess
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    const firstTicket = ticketWithSlaSchema.parse(first.body).ticket;
    expect(ticketWithSlaSchema.parse(again.body).ticket.number).toBe(firstTicket.number);
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(other.body).toMatchObject({
      status: 422,
      errors: [{ path: 'Idempotency-Key' }],
    });
    const listed = z
      .object({ items: z.array(z.object({ title: z.string() })) })
      .parse((await call(admin, 'GET', `${tickets}?limit=100`)).body).items;
    expect(listed.filter((t) => t.title === '另一个故障')).toEqual([]);
  });

  it('records a keyed event once when it is repeated after it committed, instead of a 409 or a second event', async () => {
    // Prepare
    const created = await call(engineer, 'POST', tickets, phoneReport('幂等响应'));
    const { ticket } = ticketWithSlaSchema.parse(created.body);
    const response = { type: 'response', version: ticket.version, text: '已远程登录排查' };
    const key = { 'idempotency-key': 'respond-once-1' };
    // Act: the first answer is lost (as after a 503 whose write had committed); the client repeats
    const first = await call(engineer, 'POST', `${tickets}/${ticket.id}/events`, response, key);
    const repeat = await call(engineer, 'POST', `${tickets}/${ticket.id}/events`, response, key);
    const unkeyed = await call(engineer, 'POST', `${tickets}/${ticket.id}/events`, response);
    const reused = await call(
      engineer,
      'POST',
      `${tickets}/${ticket.id}/events`,
      { ...response, text: '另一条' },
      key,
    );
    // Assess
    expect(first.status).toBe(201);
    expect(repeat.status).toBe(201);
    expect(ticketWithSlaSchema.parse(repeat.body).ticket.version).toBe(ticket.version + 1);
    expect(unkeyed.status).toBe(409);
    expect(reused.status).toBe(422);
    const events = await eventsOf(ticket.id);
    expect(events.filter((e) => e.type === 'response')).toHaveLength(1);
  });
});
