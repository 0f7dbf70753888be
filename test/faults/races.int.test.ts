import { dynamoDbLocalClient } from '@weibao/local';
import { ticketEventSchema, ticketWithSlaSchema } from '@weibao/api';
import { makeDb, ticketIdByNumber, verifyAuditChain, type Db } from '@weibao/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { admin, caller, engineer, phoneReport } from './support.ts';

let stack: TestStack;
let call: ReturnType<typeof caller>;
let db: Db;
beforeAll(async () => {
  stack = await startTestStack();
  call = caller(stack);
  db = makeDb(stack.env.tableName, dynamoDbLocalClient(stack.env.endpoints.dynamodb));
});
afterAll(async () => {
  db?.raw.destroy();
  await stack?.stop();
});

const ticketPath = (id: string) => `/api/hospitals/whzx/tickets/${id}`;
const eventsOf = async (id: string) =>
  z
    .object({ items: z.array(ticketEventSchema) })
    .parse((await call(admin, 'GET', `${ticketPath(id)}/events`)).body).items;
const sequenceOf = (n: string) => Number(n.split('-').at(-1));

describe('races on one ticket and one counter', () => {
  it('applies every one of ten concurrent editors exactly once when each reloads after its 409, and keeps the timeline and the audit chain whole', async () => {
    // Prepare
    const created = await call(
      engineer,
      'POST',
      '/api/hospitals/whzx/tickets',
      phoneReport('并发编辑'),
    );
    const { ticket } = ticketWithSlaSchema.parse(created.body);
    const conflicts: unknown[] = [];

    // Act: ten editors start from the same version; a 409 names the current one, they try again.
    const editor = async (i: number) => {
      let version = ticket.version;
      for (let attempt = 0; attempt < 40; attempt += 1) {
        const res = await call(engineer, 'POST', `${ticketPath(ticket.id)}/events`, {
          type: 'comment',
          version,
          text: `编辑者 ${i}`,
          visibility: 'internal',
        });
        if (res.status === 201) return attempt;
        if (res.status === 409) {
          conflicts.push(res.body);
          version = (res.body as { currentVersion: number }).currentVersion;
          continue;
        }
        if (res.status === 503) continue;
        throw new Error(`editor ${i}: unexpected ${res.status} ${JSON.stringify(res.body)}`);
      }
      throw new Error(`editor ${i} never got its change in`);
    };
    await Promise.all(Array.from({ length: 10 }, (_, i) => editor(i)));

    // Assess: every 409 said which version is current; each comment once; seqs 1..n without gaps.
    expect(conflicts.length).toBeGreaterThan(0);
    expect(
      conflicts.every((c) => Number.isInteger((c as { currentVersion?: number }).currentVersion)),
    ).toBe(true);
    const events = await eventsOf(ticket.id);
    const comments = events.filter((e) => e.type === 'comment').map((e) => e.data.text);
    expect([...comments].sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `编辑者 ${i}`).sort(),
    );
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const now = ticketWithSlaSchema.parse((await call(admin, 'GET', ticketPath(ticket.id))).body);
    expect(now.ticket.lastEventSeq).toBe(events.length);
    expect(await verifyAuditChain(db, 'whzx')).toMatchObject({ ok: true });
  }, 60_000);

  it('gives fifty concurrent reports fifty distinct numbers, never hands out a number twice, and leaves nothing of an attempt that was refused', async () => {
    // Act: fifty clients at once; one refused with 503 waits Retry-After and sends the same
    // request again with the same Idempotency-Key, as a well-behaved client does.
    const refused: { status: number; retryAfter: string | null }[] = [];
    const reporter = async (i: number) => {
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const res = await call(
          engineer,
          'POST',
          '/api/hospitals/whzx/tickets',
          phoneReport(`并发报障 ${i}`),
          { 'idempotency-key': `burst-${i}` },
        );
        if (res.status === 201 || res.status === 200)
          return ticketWithSlaSchema.parse(res.body).ticket;
        refused.push({ status: res.status, retryAfter: res.headers.get('retry-after') });
        if (res.status !== 503) break;
        await new Promise((r) =>
          setTimeout(r, Number(res.headers.get('retry-after')) * 1000 * Math.random()),
        );
      }
      throw new Error(`report ${i} was never accepted: ${JSON.stringify(refused.at(-1))}`);
    };
    const tickets = await Promise.all(Array.from({ length: 50 }, (_, i) => reporter(i)));

    // Assess: refusals were 503 with Retry-After only; fifty tickets with fifty numbers.
    expect(refused.filter((r) => r.status !== 503 || r.retryAfter === null)).toEqual([]);
    expect(new Set(tickets.map((t) => t.id)).size).toBe(50);
    const numbers = tickets.map((t) => t.number);
    expect(new Set(numbers).size).toBe(50);
    // Each number leads to its own ticket and to no other.
    for (const t of tickets) expect(await ticketIdByNumber(db, 'whzx', t.number)).toBe(t.id);
    // A refused attempt left no ticket behind: the list holds exactly the fifty.
    const listed = z
      .object({ items: z.array(z.object({ title: z.string() }).loose()) })
      .parse((await call(admin, 'GET', '/api/hospitals/whzx/tickets?limit=100')).body)
      .items.filter((t) => t.title.startsWith('并发报障 '));
    expect(listed).toHaveLength(50);

    // A number skipped by a refused attempt (a gap) is not handed out again later.
    const later = await call(
      engineer,
      'POST',
      '/api/hospitals/whzx/tickets',
      phoneReport('之后的报障'),
    );
    expect(later.status).toBe(201);
    const laterNumber = sequenceOf(ticketWithSlaSchema.parse(later.body).ticket.number);
    expect(laterNumber).toBeGreaterThan(Math.max(...numbers.map(sequenceOf)));
    expect(await verifyAuditChain(db, 'whzx')).toMatchObject({ ok: true });
  }, 90_000);
});
