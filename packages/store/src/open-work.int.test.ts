import { calendarForContract, planObligations } from '@weibao/domain';
import { seedDemoContract } from '@weibao/domain/test-fixtures';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { QueryCommandInput, QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchWriteItems } from '../../../test/support/batch-write.ts';
import { openTicket } from '../../../test/support/open-ticket.ts';
import { createTestTable } from '../../../test/support/table.ts';
import { makeDb, type Db } from './client.ts';
import { keys } from './keys.ts';
import { newObligationRecord, obligationItem, openObligationsDueBy } from './obligations.ts';
import { indexOpenWork } from './open-work.ts';
import { hospitalPartitionsAtMost } from './sharded-page.ts';
import { openTicketsByNextDeadline, ticketItem, type TicketRecord } from './tickets.ts';

/** What one list read asked of DynamoDB: each Query's index and partition, and items read. */
interface Reads {
  queries: { index: string | undefined; partition: unknown }[];
  scanned: number;
}
let db: Db;
let reads: Reads;
const hospitals = ['h0', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8', 'h9'];
const contractId = '01KAW00000000000000000WHZX';

beforeAll(async () => {
  const t = await createTestTable('open-work');
  db = makeDb(t.tableName, t.client);
  db.doc.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      const input = args.input as Partial<QueryCommandInput>;
      if (input.KeyConditionExpression) {
        reads.queries.push({
          index: input.IndexName,
          partition: input.ExpressionAttributeValues?.[':p'],
        });
        reads.scanned += (out.output as QueryCommandOutput).ScannedCount ?? 0;
      }
      return out;
    },
    { step: 'initialize', name: 'countQueries' },
  );
  // 10 hospitals, 12 open tickets each, their deadlines interleaved across hospitals
  const items: Record<string, unknown>[] = [];
  for (const [i, h] of hospitals.entries()) {
    for (let n = 0; n < 12; n += 1) {
      const t = openTicket(
        h,
        i * 100 + n,
        new Date(Date.UTC(2026, 11, 4, 2, n * 10 + i)).toISOString(),
      );
      items.push(ticketItem(t));
    }
    const terms = seedDemoContract();
    for (const p of planObligations(terms, calendarForContract(terms)))
      items.push(
        obligationItem(
          newObligationRecord(p, { hospitalId: h, contractId }, '2026-01-01T00:00:00.000Z'),
        ),
      );
  }
  await batchWriteItems(db, items);
});

async function allPagesOf<T>(
  read: (cursor?: string) => Promise<{ items: T[]; next: string | null }>,
) {
  reads = { queries: [], scanned: 0 };
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.next ?? undefined;
  } while (cursor);
  return items;
}

const ticketIds = (list: TicketRecord[]) => list.map((t) => `${t.hospitalId}/${t.id}`);

describe('a hospital’s open work (gsi4), for an engineer limited to some hospitals', () => {
  it('lists the engineer’s hospitals’ open tickets in the vendor queue’s order, reading only those hospitals', async () => {
    // Prepare: the vendor's whole queue, for the order
    const whole = await allPagesOf((cursor) =>
      openTicketsByNextDeadline(db, { limit: 50, ...(cursor ? { cursor } : {}) }),
    );
    const mine = ['h7', 'h2'];
    // Act: pages of 5 for an engineer of h2 and h7
    const limited = await allPagesOf((cursor) =>
      openTicketsByNextDeadline(db, { limit: 5, hospitals: mine, ...(cursor ? { cursor } : {}) }),
    );
    // Assess: the same tickets in the same order; every Query went to h2's or h7's own queue (or
    // the vendor's list of removed hospitals, none here), and read no more than the 24 tickets
    // shown and one small read ahead per hospital and page
    expect(ticketIds(limited)).toEqual(ticketIds(whole.filter((t) => mine.includes(t.hospitalId))));
    expect(new Set(reads.queries.map((q) => `${q.index} ${String(q.partition)}`))).toEqual(
      new Set(['gsi4 H#h2#QUEUE', 'gsi4 H#h7#QUEUE', 'gsi1 HOSPITALS_REMOVED']),
    );
    expect(reads.scanned).toBeLessThanOrEqual(24 + 2 * 5 * 4);
  });

  it('lists the engineer’s hospitals’ open obligations due by a day as the vendor-wide list does, reading only those hospitals', async () => {
    const through = '2026-09-30';
    const whole = await allPagesOf((cursor) =>
      openObligationsDueBy(db, through, { limit: 100, ...(cursor ? { cursor } : {}) }),
    );
    const mine = ['h3', 'h9', 'h0'];
    const limited = await allPagesOf((cursor) =>
      openObligationsDueBy(db, through, {
        limit: 7,
        hospitals: mine,
        ...(cursor ? { cursor } : {}),
      }),
    );
    const ids = (l: { hospitalId: string; id: string }[]) =>
      l.map((o) => `${o.hospitalId}/${o.id}`);
    expect(limited.length).toBeGreaterThan(10);
    expect(ids(limited)).toEqual(ids(whole.filter((o) => mine.includes(o.hospitalId))));
    expect(new Set(reads.queries.map((q) => `${q.index} ${String(q.partition)}`))).toEqual(
      new Set([
        'gsi4 H#h0#OBLIGATIONS_OPEN',
        'gsi4 H#h3#OBLIGATIONS_OPEN',
        'gsi4 H#h9#OBLIGATIONS_OPEN',
        'gsi1 HOSPITALS_REMOVED',
      ]),
    );
  });

  it('refuses a cursor of one engineer’s list for another’s hospitals', async () => {
    const page = await openTicketsByNextDeadline(db, { limit: 3, hospitals: ['h1', 'h2'] });
    expect(page.next).not.toBeNull();
    await expect(
      openTicketsByNextDeadline(db, { limit: 3, hospitals: ['h1', 'h3'], cursor: page.next ?? '' }),
    ).rejects.toMatchObject({ code: 'bad-cursor' });
  });

  it('reads the vendor-wide shards for an engineer of more hospitals than it merges, with the same result', async () => {
    const many = [
      ...hospitals.slice(0, 3),
      ...Array.from({ length: hospitalPartitionsAtMost }, (_, i) => `x${i}`),
    ];
    const limited = await allPagesOf((cursor) =>
      openTicketsByNextDeadline(db, { limit: 10, hospitals: many, ...(cursor ? { cursor } : {}) }),
    );
    expect(reads.queries.every((q) => q.index === 'gsi1')).toBe(true);
    expect(limited.map((t) => t.hospitalId).sort()).toEqual(
      [...hospitals.slice(0, 3).flatMap((h) => Array<string>(12).fill(h))].sort(),
    );
  });

  it('`indexOpenWork` indexes open tickets and obligations written before the index, once', async () => {
    // Prepare: h5's tickets and obligations as written before gsi4
    for (let n = 0; n < 12; n += 1) {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: keys.ticket('h5', openTicket('h5', 500 + n).id),
          UpdateExpression: 'REMOVE gsi4pk, gsi4sk',
        }),
      );
    }
    const h5Obligations = await allPagesOf((cursor) =>
      openObligationsDueBy(db, '2027-12-31', {
        limit: 100,
        hospitals: ['h5'],
        ...(cursor ? { cursor } : {}),
      }),
    );
    for (const o of h5Obligations) {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: keys.obligation('h5', contractId, o.id),
          UpdateExpression: 'REMOVE gsi4pk, gsi4sk',
        }),
      );
    }
    const before = await openTicketsByNextDeadline(db, { hospitals: ['h5'] });
    expect(before.items).toEqual([]);
    // Act
    const first = await indexOpenWork(db);
    const again = await indexOpenWork(db);
    // Assess: h5's 12 tickets and its open obligations indexed; the rest were indexed already
    expect(first).toEqual({
      tickets: 12,
      obligations: h5Obligations.length,
      skipped: 9 * 12 + 9 * h5Obligations.length,
    });
    expect(again.tickets + again.obligations).toBe(0);
    const after = await openTicketsByNextDeadline(db, { hospitals: ['h5'] });
    expect(after.items).toHaveLength(12);
    const obligations = await openObligationsDueBy(db, '2027-12-31', {
      limit: 100,
      hospitals: ['h5'],
    });
    expect(obligations.items).toHaveLength(h5Obligations.length);
  });
});
