import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.ts';
import { stripKeys } from './keys.ts';

/** BatchGetItem takes at most 100 keys a call. */
export const batchGetKeysPerRequest = 100;

export interface BatchGetOptions {
  /** Calls under way at once (default 4): bounded, so a big read does not burst the table. */
  concurrency?: number;
  /** Calls for one chunk before its unprocessed keys fail the read (default 8). */
  attempts?: number;
  /** The first pause before unprocessed keys are asked again, doubling each time (default 50 ms). */
  backoffMs?: number;
}

type ItemKey = { pk: string; sk: string };
const idOf = (k: ItemKey) => `${k.pk}\u0000${k.sk}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Reads many items by key: 100 keys a BatchGetItem, a few calls at a time. Keys DynamoDB left
 * unprocessed (throttling, the 16 MB answer limit) are asked again after a pause with full jitter
 * that doubles each time, as AWS advises; a chunk still unread after `attempts` calls throws, so
 * the caller's retry starts again. Eventually consistent, like the GetItems it replaces. The
 * answer maps `pk`/`sk` to the item without its keys; a key with no item is absent.
 */
export async function batchGetItems<T>(
  db: Db,
  itemKeys: readonly ItemKey[],
  options: BatchGetOptions = {},
): Promise<Map<string, T>> {
  const { concurrency = 4, attempts = 8, backoffMs = 50 } = options;
  const unique = [...new Map(itemKeys.map((k) => [idOf(k), { pk: k.pk, sk: k.sk }])).values()];
  const chunks: ItemKey[][] = [];
  for (let i = 0; i < unique.length; i += batchGetKeysPerRequest)
    chunks.push(unique.slice(i, i + batchGetKeysPerRequest));
  const found = new Map<string, T>();
  const readChunk = async (chunk: ItemKey[]) => {
    let pending: Record<string, unknown>[] = chunk;
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > attempts)
        throw new Error(
          `${pending.length} of ${chunk.length} keys still unprocessed after ${attempts} BatchGetItem calls`,
        );
      if (attempt > 1) await sleep(Math.random() * backoffMs * 2 ** (attempt - 2));
      const out = await db.doc.send(
        new BatchGetCommand({ RequestItems: { [db.tableName]: { Keys: pending } } }),
      );
      for (const item of out.Responses?.[db.tableName] ?? [])
        found.set(idOf(item as ItemKey), stripKeys<T & Record<string, unknown>>(item));
      pending = out.UnprocessedKeys?.[db.tableName]?.Keys ?? [];
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) await readChunk(chunks[next++] as ItemKey[]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
  return found;
}

/** The key under which batchGetItems answers an item. */
export const batchGetId = idOf;
