import { encodeTime } from 'ulid';
import type { Db } from './client.ts';
import type { Page } from './cursor.ts';
import { keys, shardOfHospital, ticketSearchShards } from './keys.ts';
import { hospitalPartitionsAtMost, shardedPage, shownHospitals } from './sharded-page.ts';
import type { TicketRecord } from './tickets.ts';

/**
 * How many tickets one page of 工单查询 reads at most: a search few tickets match answers with
 * what it found and how far back it read, and the next page reads on from there.
 */
export const ticketSearchReadAtMost = 500;

/** A read of tickets across hospitals, newest report first (工单查询). */
export interface TicketsAcross {
  /** Only these hospitals' tickets (an engineer's, or the one asked for); null: every hospital's. */
  hospitals: readonly string[] | null;
  /** Reported at or after this instant (ISO). */
  from?: string;
  /** Reported before this instant (ISO). */
  before?: string;
  /** Only tickets it lets through are given out (the search); the rest are read and passed over. */
  matches: (t: TicketRecord) => boolean;
  limit: number;
  cursor?: string | undefined;
  /** A page stops after reading this many tickets, with fewer than `limit` if so few matched. */
  readAtMost: number;
}

/**
 * One page of the tickets of many hospitals, newest report first, read and filtered on the
 * server. Every hospital (or an engineer of more than `hospitalPartitionsAtMost`): the shards of
 * gsi5 (`TICKETS#<n>`) merged, a range of report times of each; a few hospitals: their own
 * partitions of the table (tickets by ULID, taken at the report time) merged the same way. A
 * page reads at most `readAtMost` tickets and says how far back it read (`readThrough`, a report
 * time) when it stopped short of `limit` with more to read.
 */
export async function ticketsAcrossHospitals(
  db: Db,
  q: TicketsAcross,
): Promise<Page<TicketRecord> & { readThrough: string | null }> {
  const matches = (t: TicketRecord) => !t.deletedAt && q.matches(t);
  const common = {
    newestFirst: true,
    sortKeyOf: (t: TicketRecord) => searchKey(t).gsi5sk,
    matches,
    limit: q.limit,
    cursor: q.cursor,
    readAtMost: q.readAtMost,
  };
  let page: Page<TicketRecord> & { readThrough?: string | null };
  const { hospitals, visible } = await shownHospitals(db, q.hospitals);
  if (hospitals && hospitals.length <= hospitalPartitionsAtMost) {
    const idAt = (iso: string | undefined, open: string) =>
      iso ? `TICKET#${encodeTime(Date.parse(iso), 10)}` : open;
    page = await shardedPage<TicketRecord>(db, {
      ...common,
      shards: [...new Set(hospitals)].sort(),
      partitionOf: (h) => ({ pk: keys.ticketsOfHospital(String(h)).pk }),
      // 'TICKET#~' sorts after every ULID and before TICKETNO#
      sort: { between: [idAt(q.from, 'TICKET#'), idAt(q.before, 'TICKET#~')] },
      keyOf: (t) => keys.ticket(t.hospitalId, t.id),
      name: 'hospitalTickets',
    });
  } else {
    const shards = hospitals
      ? [...new Set(hospitals.map((h) => shardOfHospital(h, ticketSearchShards)))]
      : Array.from({ length: ticketSearchShards }, (_, i) => i);
    page = await shardedPage<TicketRecord>(db, {
      ...common,
      index: 'gsi5',
      shards: shards.sort((a, b) => a - b),
      partitionOf: (shard) => keys.ticketSearchPartition(Number(shard)),
      // report times: an open end is before or after every instant
      sort: { between: [q.from ?? '0000', q.before ?? '9999'] },
      keyOf: searchKey,
      name: 'tickets',
      // an engineer's: the others are skipped by the read, so no cursor names one of them; a
      // removed hospital's are skipped for everyone
      ...(visible ? { visible } : {}),
    });
  }
  const readThrough = page.readThrough?.slice(0, page.readThrough.indexOf('#')) ?? null;
  return { ...page, readThrough };
}

/** The full key of a ticket's gsi5 entry (table and index), as a shard's position. */
function searchKey(t: TicketRecord) {
  return {
    ...keys.ticket(t.hospitalId, t.id),
    ...keys.ticketInSearch(t.hospitalId, t.id, t.reportedAt),
  };
}
