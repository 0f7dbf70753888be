import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoDbLocalClient } from '@weibao/local/dynamodb-local';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchWriteItems } from '../../../test/support/batch-write.ts';
import { createTestTable } from '../../../test/support/table.ts';
import { batchGetItems } from './batch-get.ts';
import { makeDb, type Db } from './client.ts';

let endpoint: string;
let tableName: string;
const keyOf = (i: number) => ({ pk: `H#bg-${i % 7}`, sk: `ITEM#${String(i).padStart(4, '0')}` });

beforeAll(async () => {
  const t = await createTestTable('batch-get');
  endpoint = t.endpoint;
  tableName = t.tableName;
  await batchWriteItems(
    makeDb(tableName, t.client),
    Array.from({ length: 250 }, (_, i) => ({ ...keyOf(i), itemType: 'Test', n: i })),
  );
});

/**
 * A DynamoDB Local client on which BatchGetItem answers as a throttled table does: of the first
 * `throttled` calls, only the first `served` keys come back and the rest are UnprocessedKeys.
 */
function throttledDb(throttled: number, served: number): { db: Db; calls: number[] } {
  const client: DynamoDBClient = dynamoDbLocalClient(endpoint);
  const calls: number[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'BatchGetItemCommand') return next(args);
      const input = args.input as { RequestItems: Record<string, { Keys: unknown[] }> };
      const keys = input.RequestItems[tableName]?.Keys ?? [];
      calls.push(keys.length);
      if (calls.length > throttled) return next(args);
      const withheld = keys.slice(served);
      input.RequestItems[tableName] = {
        ...input.RequestItems[tableName],
        Keys: keys.slice(0, served),
      };
      const result = await next(args);
      (result.output as { UnprocessedKeys?: unknown }).UnprocessedKeys =
        withheld.length > 0 ? { [tableName]: { Keys: withheld } } : {};
      return result;
    },
    { step: 'initialize', name: 'throttleBatchGet' },
  );
  return { db: makeDb(tableName, client), calls };
}

describe('reading many items by key', () => {
  it('asks 100 keys a BatchGetItem, once for a key given twice, and leaves out keys with no item', async () => {
    // Prepare
    const { db, calls } = throttledDb(0, 0);
    const wanted = [
      ...Array.from({ length: 250 }, (_, i) => keyOf(i)),
      keyOf(3),
      { pk: 'H#bg-0', sk: 'NONE' },
    ];
    // Act
    const found = await batchGetItems<{ n: number }>(db, wanted);
    // Assess
    expect(calls.sort((a, b) => b - a)).toEqual([100, 100, 51]);
    expect(found.size).toBe(250);
    expect([...found.values()].map((x) => x.n).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 250 }, (_, i) => i),
    );
    expect(found.get(`${keyOf(42).pk}\u0000${keyOf(42).sk}`)).toEqual({ n: 42 });
  });

  it('asks again for the keys DynamoDB left unprocessed, until every item is read', async () => {
    // Prepare: the first three calls serve 30 keys each.
    const { db, calls } = throttledDb(3, 30);
    // Act
    const found = await batchGetItems(
      db,
      Array.from({ length: 100 }, (_, i) => keyOf(i)),
      {
        concurrency: 1,
        backoffMs: 20,
      },
    );
    // Assess: 100, then the 70 left, the 40 left, then the last 10 in full.
    expect(calls).toEqual([100, 70, 40, 10]);
    expect(found.size).toBe(100);
  });

  it('fails the read when keys stay unprocessed after every attempt, so the job’s retry starts again', async () => {
    // Prepare: every call serves only 10 keys.
    const { db, calls } = throttledDb(Number.POSITIVE_INFINITY, 10);
    // Act / Assess
    await expect(
      batchGetItems(
        db,
        Array.from({ length: 100 }, (_, i) => keyOf(i)),
        {
          attempts: 3,
          backoffMs: 1,
        },
      ),
    ).rejects.toThrow('70 of 100 keys still unprocessed after 3 BatchGetItem calls');
    expect(calls).toEqual([100, 90, 80]);
  });
});
