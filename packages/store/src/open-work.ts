import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.ts';
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
    try {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: key,
          UpdateExpression: 'SET gsi4pk = :pk, gsi4sk = :sk',
          ConditionExpression: 'attribute_not_exists(gsi4pk) AND #v = :v',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':pk': index.gsi4pk, ':sk': index.gsi4sk, ':v': version },
        }),
      );
      return true;
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      out.skipped += 1;
      return false;
    }
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
