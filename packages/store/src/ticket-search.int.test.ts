import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { encodeTime } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchWriteItems } from '../../../test/support/batch-write.ts';
import { openTicket } from '../../../test/support/open-ticket.ts';
import { createTestTable } from '../../../test/support/table.ts';
import { makeDb, type Db } from './client.ts';
import { hospitalItem } from './hospitals.ts';
import { keys, ticketSearchShards } from './keys.ts';
import { indexTicketSearch } from './open-work.ts';
import { StoreError } from './errors.ts';
import { ticketsAcrossHospitals, type TicketsAcross } from './ticket-search.ts';
import { ticketItem, type TicketRecord } from './tickets.ts';

let db: Db;
const hospitals = Array.from({ length: 12 }, (_, i) => `hosp${String(i).padStart(2, '0')}`);

/**
 * Ticket `n`: reported `n` hours after 2026-11-01 00:00 UTC at hospital n·5 mod 12 (so report order
 * interleaves the hospitals and the shards), its id a ULID of that time as the app takes it; every
 * seventh is about 打印, every fifth closed, ticket 13 deleted.
 */
function ticket(n: number): TicketRecord {
  const base = openTicket(hospitals[(n * 5) % 12] as string, n);
  const at = new Date(Date.UTC(2026, 10, 1, n)).toISOString();
  return {
    ...base,
    id: `${encodeTime(Date.parse(at), 10)}${String(n).padStart(16, '0')}`,
    reportedAt: at,
    title: n % 7 === 0 ? `报告打印异常 ${n}` : `故障 ${n}`,
    status: n % 5 === 0 ? 'closed' : 'new',
    deletedAt: n === 13 ? at : null,
  };
}
const all = Array.from({ length: 80 }, (_, n) => ticket(n));
const kept = all.filter((t) => !t.deletedAt);
const newestFirst = (ts: TicketRecord[]) =>
  [...ts].sort((a, b) => b.reportedAt.localeCompare(a.reportedAt)).map((t) => t.id);

beforeAll(async () => {
  const t = await createTestTable('ticket-search');
  db = makeDb(t.tableName, t.client);
  await batchWriteItems(db, [
    ...all.map(ticketItem),
    ...hospitals.map((id) =>
      hospitalItem({ id, name: `医院 ${id}` } as Parameters<typeof hospitalItem>[0]),
    ),
  ]);
});

async function allPagesOf(q: Omit<TicketsAcross, 'cursor'>) {
  const pages: { items: TicketRecord[]; readThrough: string | null }[] = [];
  let cursor: string | undefined;
  do {
    const page = await ticketsAcrossHospitals(db, { ...q, ...(cursor ? { cursor } : {}) });
    pages.push(page);
    cursor = page.next ?? undefined;
    if (pages.length > 100) throw new Error('the search does not end');
  } while (cursor);
  return pages;
}

const everything = { hospitals: null, matches: () => true, limit: 7, readAtMost: 500 };

describe('工单查询 across hospitals, read on the server (gsi5, sharded)', () => {
  it('spreads the kept tickets over several shards and leaves the deleted one out', async () => {
    const counts = await Promise.all(
      Array.from({ length: ticketSearchShards }, async (_, s) => {
        const out = await db.doc.send(
          new QueryCommand({
            TableName: db.tableName,
            IndexName: 'gsi5',
            KeyConditionExpression: 'gsi5pk = :p',
            ExpressionAttributeValues: { ':p': keys.ticketSearchPartition(s).gsi5pk },
            Select: 'COUNT',
          }),
        );
        return out.Count ?? 0;
      }),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(79);
    expect(counts.filter((c) => c > 0).length).toBeGreaterThanOrEqual(3);
  });

  it('pages of 7 give every kept ticket once, newest report first', async () => {
    const pages = await allPagesOf(everything);
    expect(pages.slice(0, -1).every((p) => p.items.length === 7)).toBe(true);
    expect(pages.flatMap((p) => p.items.map((t) => t.id))).toEqual(newestFirst(kept));
  });

  it('gives only what the search matches, stops after reading its budget and says how far back it read', async () => {
    const printing = (t: TicketRecord) => t.title.includes('打印');
    const pages = await allPagesOf({ ...everything, matches: printing, limit: 5, readAtMost: 20 });
    const found = pages.flatMap((p) => p.items);
    expect(found.map((t) => t.id)).toEqual(newestFirst(kept.filter(printing)));
    // 80 tickets read 20 at a time: a short page says the report time it read back to
    const first = pages[0] as (typeof pages)[number];
    expect(first.items.length).toBeLessThan(5);
    expect(first.readThrough).toBe(new Date(Date.UTC(2026, 10, 1, 79 - 19)).toISOString());
    expect(pages.at(-1)?.readThrough).toBeNull();
  });

  it('reads only the report times asked for', async () => {
    const from = new Date(Date.UTC(2026, 10, 2, 0)).toISOString(); // ticket 24
    const before = new Date(Date.UTC(2026, 10, 3, 0)).toISOString(); // ticket 48, left out
    const pages = await allPagesOf({ ...everything, from, before, limit: 50 });
    const ids = pages.flatMap((p) => p.items.map((t) => t.id));
    expect(ids).toEqual(
      newestFirst(kept.filter((t) => t.reportedAt >= from && t.reportedAt < before)),
    );
    expect(ids).toHaveLength(24);
  });

  it('reads a few hospitals from their own partitions, newest first, the same range', async () => {
    const mine = ['hosp03', 'hosp07'];
    const from = new Date(Date.UTC(2026, 10, 1, 10)).toISOString();
    const pages = await allPagesOf({ ...everything, hospitals: mine, from, limit: 3 });
    const ids = pages.flatMap((p) => p.items.map((t) => t.id));
    expect(ids).toEqual(
      newestFirst(kept.filter((t) => mine.includes(t.hospitalId) && t.reportedAt >= from)),
    );
    expect(ids.length).toBeGreaterThan(6);
  });

  it('reads an engineer of more than 100 hospitals from the shards, with no cursor naming another hospital’s ticket', async () => {
    const mine = ['hosp03', 'hosp07', ...Array.from({ length: 100 }, (_, i) => `gone${i}`)];
    const pages: TicketRecord[][] = [];
    let cursor: string | undefined;
    do {
      const page = await ticketsAcrossHospitals(db, {
        ...everything,
        hospitals: mine,
        limit: 4,
        ...(cursor ? { cursor } : {}),
      });
      pages.push(page.items);
      cursor = page.next ?? undefined;
      if (cursor) {
        const inner = Buffer.from(cursor, 'base64url').toString('utf8');
        const positions = Object.values(JSON.parse(inner).tickets as Record<string, string | null>);
        const hospitalsNamed = positions
          .filter((p): p is string => Boolean(p))
          .flatMap(
            (p) =>
              Buffer.from(p, 'base64url')
                .toString('utf8')
                .match(/H#[a-z0-9]+/g) ?? [],
          );
        expect(hospitalsNamed.every((h) => h === 'H#hosp03' || h === 'H#hosp07')).toBe(true);
      }
    } while (cursor);
    expect(pages.flat().map((t) => t.id)).toEqual(
      newestFirst(kept.filter((t) => t.hospitalId === 'hosp03' || t.hospitalId === 'hosp07')),
    );
  });

  it('refuses a cursor of another list', async () => {
    const page = await ticketsAcrossHospitals(db, {
      ...everything,
      hospitals: ['hosp03', 'hosp07'],
    });
    await expect(
      ticketsAcrossHospitals(db, { ...everything, cursor: page.next as string }),
    ).rejects.toBeInstanceOf(StoreError);
  });

  it('indexes the tickets written before gsi5 once, leaving the deleted one out', async () => {
    // Prepare: ten tickets as written before gsi5
    for (const t of kept.slice(0, 10))
      await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: keys.ticket(t.hospitalId, t.id),
          UpdateExpression: 'REMOVE gsi5pk, gsi5sk',
        }),
      );
    const before = (await allPagesOf({ ...everything, limit: 100 })).flatMap((p) => p.items);
    expect(before).toHaveLength(69);

    const first = await indexTicketSearch(db);
    const again = await indexTicketSearch(db);

    expect(first).toEqual({ tickets: 10, skipped: 69 });
    expect(again).toEqual({ tickets: 0, skipped: 79 });
    const after = (await allPagesOf({ ...everything, limit: 100 })).flatMap((p) => p.items);
    expect(after.map((t) => t.id)).toEqual(newestFirst(kept));
  });
});
