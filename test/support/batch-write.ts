import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '@weibao/store';

/** Writes items as they are, 25 a BatchWriteItem, a few at a time, until none is left unprocessed: seeding only. */
export async function batchWriteItems(
  db: Db,
  items: readonly Record<string, unknown>[],
  concurrency = 8,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      let pending = items.slice(next, next + 25);
      next += 25;
      while (pending.length > 0) {
        const out = await db.doc.send(
          new BatchWriteCommand({
            RequestItems: { [db.tableName]: pending.map((Item) => ({ PutRequest: { Item } })) },
          }),
        );
        pending = (out.UnprocessedItems?.[db.tableName] ?? []).map(
          (w) => w.PutRequest?.Item as Record<string, unknown>,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
