import { beforeAll, describe, expect, it } from 'vitest';
import { batchWriteItems } from '../../../test/support/batch-write.ts';
import { openTicket } from '../../../test/support/open-ticket.ts';
import { createTestTable } from '../../../test/support/table.ts';
import { makeDb, type Db } from './client.ts';
import { StoreError } from './errors.ts';
import { allHospitals } from './hospitals.ts';
import { openTicketsByNextDeadline, ticketItem } from './tickets.ts';

let db: Db;
beforeAll(async () => {
  const t = await createTestTable('cursors');
  db = makeDb(t.tableName, t.client);
  // The queue: for every ticket of hospital `mine`, three of `other` fall due before it
  const items: Record<string, unknown>[] = [];
  for (let n = 0; n < 40; n += 1) {
    const hospitalId = n % 4 === 3 ? 'mine' : 'other';
    items.push(ticketItem(openTicket(hospitalId, n)));
  }
  await batchWriteItems(db, items);
});

const decoded = (cursor: string) =>
  JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, string>;

describe('cursors of a list the caller sees only part of', () => {
  it('fill a limited engineer’s page and name only tickets the engineer may see', async () => {
    // Act: pages of 3 of the queue, for someone who may see hospital `mine` only
    const pages = [];
    let cursor: string | undefined;
    do {
      const page = await openTicketsByNextDeadline(db, {
        limit: 3,
        hospitals: ['mine'],
        ...(cursor ? { cursor } : {}),
      });
      pages.push(page);
      cursor = page.next ?? undefined;
    } while (cursor);
    // Assess: 10 tickets in pages of 3, 3, 3, 1, in deadline order; no cursor names `other`
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 3, 1]);
    const numbers = pages.flatMap((p) => p.items.map((t) => t.hospitalId));
    expect(new Set(numbers)).toEqual(new Set(['mine']));
    const cursors = pages.map((p) => p.next).filter((c): c is string => c !== null);
    expect(cursors).toHaveLength(3);
    for (const c of cursors) {
      // The engineer's hospitals' own queues, each position itself a cursor: none names `other`
      const { hospitalQueues } = decoded(c) as unknown as {
        hospitalQueues: Record<string, string | null>;
      };
      expect(Object.keys(hospitalQueues)).toEqual(['mine']);
      for (const at of Object.values(hospitalQueues).filter((p): p is string => !!p)) {
        expect(Buffer.from(at, 'base64url').toString('utf8')).not.toContain('other');
        expect(decoded(at).pk).toBe('H#mine');
      }
    }
  });

  it('refuse a well-formed cursor that is not a key this list gives out, as a bad cursor', async () => {
    const wrong = [
      { pk: 'H#mine' },
      { pk: 'H#mine', sk: 'TICKET#x', gsi1pk: 'QUEUE' },
      { pk: 'H#mine', sk: 'TICKET#x', gsi1pk: 'QUEUE', gsi1sk: 'x', extra: 'y' },
      { pk: 'H#mine', sk: 'TICKET#x', gsi1pk: 'QUEUE', gsi1sk: 7 },
    ].map((k) => Buffer.from(JSON.stringify(k)).toString('base64url'));
    for (const cursor of wrong) {
      await expect(openTicketsByNextDeadline(db, { cursor }), cursor).rejects.toBeInstanceOf(
        StoreError,
      );
    }
    const hospitals = Buffer.from(JSON.stringify({ gsi1pk: 'HOSPITALS' })).toString('base64url');
    await expect(allHospitals(db, { cursor: hospitals })).rejects.toMatchObject({
      code: 'bad-cursor',
    });
  });
});
