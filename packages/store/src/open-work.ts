import type { Db } from './client.ts';
import { allHospitals } from './hospitals.ts';
import { addIndexEntry } from './index-entry.ts';
import { keys, queueShards } from './keys.ts';
import { sortDayOf, type ObligationRecord } from './obligations.ts';
import { queryPage } from './query-page.ts';
import type { TicketRecord } from './tickets.ts';

/**
 * Gives the open tickets and open obligations written before gsi4 (a hospital's open work) their
 * entry there, from the vendor-wide lists that hold them: a version-checked SET of the two index
 * attributes where they are missing, so a record changed meanwhile is left to its writer (which
 * writes them) and one already indexed is left alone. Repeating it changes nothing.
 */
export async function indexOpenWork(
  db: Db,
): Promise<{ tickets: number; obligations: number; skipped: number }> {
  const out = { tickets: 0, obligations: 0, skipped: 0 };
  const add = async (
    key: Record<string, string>,
    index: { gsi4pk: string; gsi4sk: string },
    version: number,
  ): Promise<boolean> => {
    const added = await addIndexEntry(db, key, index, version);
    if (!added) out.skipped += 1;
    return added;
  };
  const partitions = [
    ...Array.from({ length: queueShards }, (_, shard) => keys.queuePartition(shard)),
    keys.legacyQueuePartition(),
  ];
  for (const partition of partitions) {
    let cursor: string | undefined;
    do {
      const page = await queryPage<TicketRecord>(db, {
        index: 'gsi1',
        partition,
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      for (const t of page.items) {
        const index = keys.ticketInHospitalQueue(t.hospitalId, t.id, t.nextDeadline);
        if (await add(keys.ticket(t.hospitalId, t.id), index, t.version)) out.tickets += 1;
      }
      cursor = page.next ?? undefined;
    } while (cursor);
  }
  let cursor: string | undefined;
  do {
    const page = await queryPage<ObligationRecord>(db, {
      index: 'gsi1',
      partition: keys.openObligationsPartition(),
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const o of page.items) {
      const index = keys.openObligationOfHospital(o.hospitalId, o.contractId, o.id, sortDayOf(o));
      const key = keys.obligation(o.hospitalId, o.contractId, o.id);
      if (await add(key, index, o.version)) out.obligations += 1;
    }
    cursor = page.next ?? undefined;
  } while (cursor);
  return out;
}

/**
 * Gives the kept tickets written before gsi5 (every hospital's tickets by report time, for
 * 工单查询 across hospitals) their entry there: every hospital's ticket partition is read, and a
 * ticket that is not deleted and lacks the entry gets it, version-checked. Repeating it changes
 * nothing. Tickets of a removed hospital are left out, as that hospital is out of every list.
 */
export async function indexTicketSearch(db: Db): Promise<{ tickets: number; skipped: number }> {
  const out = { tickets: 0, skipped: 0 };
  let hospitals: string | undefined;
  do {
    const page = await allHospitals(db, {
      limit: 100,
      ...(hospitals ? { cursor: hospitals } : {}),
    });
    for (const h of page.items) {
      const { pk, skPrefix } = keys.ticketsOfHospital(h.id);
      let cursor: string | undefined;
      do {
        const tickets = await queryPage<TicketRecord>(db, {
          partition: { pk },
          sort: { prefix: skPrefix },
          limit: 100,
          ...(cursor ? { cursor } : {}),
        });
        for (const t of tickets.items) {
          if (t.deletedAt) continue;
          const entry = keys.ticketInSearch(t.hospitalId, t.id, t.reportedAt);
          if (await addIndexEntry(db, keys.ticket(t.hospitalId, t.id), entry, t.version))
            out.tickets += 1;
          else out.skipped += 1;
        }
        cursor = tickets.next ?? undefined;
      } while (cursor);
    }
    hospitals = page.next ?? undefined;
  } while (hospitals);
  return out;
}
