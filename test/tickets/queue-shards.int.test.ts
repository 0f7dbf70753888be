import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  keys,
  makeDb,
  openTicketsByNextDeadline,
  queueShards,
  reshardLegacyQueue,
  shardOfHospital,
  StoreError,
  ticketItem,
  type Db,
  type TicketRecord,
} from '@weibao/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchWriteItems } from '../support/batch-write.ts';
import { openTicket } from '../support/open-ticket.ts';
import { createTestTable } from '../support/table.ts';

let db: Db;
const hospitals = Array.from({ length: 12 }, (_, i) => `hosp${String(i).padStart(2, '0')}`);

beforeAll(async () => {
  const t = await createTestTable('queue-shards');
  db = makeDb(t.tableName, t.client);
  // 40 open tickets over 12 hospitals, deadlines interleaved across hospitals (and so shards)
  await batchWriteItems(
    db,
    Array.from({ length: 40 }, (_, n) => ticketItem(queued(hospitals[(n * 5) % 12] as string, n))),
  );
});

/** Open ticket `n` of a hospital; deadlines run backwards against `n`, so deadline order is not report order. */
const queued = (hospitalId: string, n: number) =>
  openTicket(hospitalId, n, new Date(Date.UTC(2026, 11, 5, 0, 100 - n)).toISOString());

async function allPagesOf(opts: { limit: number; hospitals?: string[] }) {
  const pages: TicketRecord[][] = [];
  let cursor: string | undefined;
  do {
    const page = await openTicketsByNextDeadline(db, { ...opts, ...(cursor ? { cursor } : {}) });
    pages.push(page.items);
    cursor = page.next ?? undefined;
    if (pages.length > 50) throw new Error('the queue does not end');
  } while (cursor);
  return pages;
}

async function countIn(gsi1pk: string): Promise<number> {
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': gsi1pk },
      Select: 'COUNT',
    }),
  );
  return out.Count ?? 0;
}

describe('the vendor queue spread over shards', () => {
  it('stores the open tickets in several shards, none in the old single partition', async () => {
    const counts = await Promise.all(
      Array.from({ length: queueShards }, (_, s) => countIn(keys.queuePartition(s).gsi1pk)),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(40);
    expect(counts.filter((c) => c > 0).length).toBeGreaterThanOrEqual(3);
    expect(await countIn('QUEUE')).toBe(0);
  });

  it('pages of 7 give every open ticket once, the nearest deadline first', async () => {
    const pages = await allPagesOf({ limit: 7 });
    expect(pages.map((p) => p.length)).toEqual([7, 7, 7, 7, 7, 5]);
    const all = pages.flat();
    expect(new Set(all.map((t) => t.id)).size).toBe(40);
    const deadlines = all.map((t) => t.nextDeadline as string);
    expect(deadlines).toEqual([...deadlines].sort());
  });

  it('reads about a page of items for a page, not a page from every shard', async () => {
    // Count the items DynamoDB hands back to the queue's Queries
    let read = 0;
    const counting = {
      ...db,
      doc: {
        send: async (command: Parameters<typeof db.doc.send>[0]) => {
          const out = (await db.doc.send(command)) as { Items?: unknown[] };
          read += out.Items?.length ?? 0;
          return out;
        },
      },
    } as unknown as typeof db;
    const page = await openTicketsByNextDeadline(counting, { limit: 14 });
    expect(page.items).toHaveLength(14);
    // 8 shards × 14 would be 112; the merge reads each shard in pages of ceil(14 / 8) + 1 = 3
    expect(read).toBeLessThanOrEqual(14 + queueShards * 3);
  });

  it('gives a limited engineer pages of the assigned hospitals only', async () => {
    const mine = ['hosp01', 'hosp06', 'hosp11'];
    const expected = (await allPagesOf({ limit: 100 }))
      .flat()
      .filter((t) => mine.includes(t.hospitalId))
      .map((t) => t.id);
    expect(expected.length).toBeGreaterThan(7);
    const pages = await allPagesOf({ limit: 3, hospitals: mine });
    expect(pages.flat().map((t) => t.id)).toEqual(expected);
    expect(pages.slice(0, -1).every((p) => p.length === 3)).toBe(true);
  });

  it('refuses a forged or foreign cursor as a bad cursor', async () => {
    const first = await openTicketsByNextDeadline(db, { limit: 7 });
    const real = JSON.parse(Buffer.from(first.next as string, 'base64url').toString('utf8')) as {
      queue: Record<string, string | null>;
    };
    const forged = [
      { pk: 'H#hosp01', sk: 'TICKET#x', gsi1pk: 'QUEUE', gsi1sk: 'x' },
      { queue: { ...real.queue, 8: '' } },
      { queue: Object.fromEntries(Object.entries(real.queue).slice(1)) },
      { queue: { ...real.queue, 0: 7 } },
      { queue: Object.fromEntries(Object.keys(real.queue).map((s) => [s, null])) },
      { queue: { ...real.queue, 0: Buffer.from('{"pk":"H#x"}').toString('base64url') } },
      { queue: real.queue, extra: 1 },
    ].map((c) => Buffer.from(JSON.stringify(c)).toString('base64url'));
    for (const cursor of [...forged, 'not-json']) {
      await expect(openTicketsByNextDeadline(db, { cursor }), cursor).rejects.toMatchObject({
        code: 'bad-cursor',
      });
    }
    // A full queue cursor is not one of a limited engineer's list (other shards)
    const limitedShards = new Set(['hosp01'].map((h) => shardOfHospital(h, queueShards)));
    expect(limitedShards.size).toBeLessThan(queueShards);
    await expect(
      openTicketsByNextDeadline(db, { cursor: first.next as string, hospitals: ['hosp01'] }),
    ).rejects.toBeInstanceOf(StoreError);
  });

  it('moves legacy QUEUE items to their shards once; a second run changes nothing', async () => {
    // Arrange: 5 open tickets as an old deployment stored them
    const legacy = Array.from({ length: 5 }, (_, i) => {
      const item = ticketItem(queued(hospitals[i] as string, 100 + i));
      return { ...item, gsi1pk: 'QUEUE' };
    });
    await batchWriteItems(db, legacy);
    expect(await countIn('QUEUE')).toBe(5);
    // Act
    const first = await reshardLegacyQueue(db);
    const second = await reshardLegacyQueue(db);
    // Assess: all moved, then nothing; the queue now lists 45 tickets
    expect(first).toEqual({ moved: 5, skipped: 0 });
    expect(second).toEqual({ moved: 0, skipped: 0 });
    expect(await countIn('QUEUE')).toBe(0);
    const all = (await allPagesOf({ limit: 7 })).flat();
    expect(all).toHaveLength(45);
    for (let i = 0; i < 5; i += 1)
      expect(all.map((t) => t.id)).toContain(`01KB${String(100 + i).padStart(22, '0')}`);
  });
});
