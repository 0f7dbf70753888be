import { TransactionCanceledException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.ts';
import { keys, rollupTotalShards, shardOfHospital, stripKeys } from './keys.ts';

/** The figures a rollup cell keeps (QuarterFigures without the derived 达标率). */
export interface RollupFigures {
  faults: number;
  breached: number;
  deductionsFen: number;
  deductionEntries: number;
  withdrawnFen: number;
}

export interface OpenRollupFigures {
  fatal: number;
  serious: number;
  minor: number;
}

export type RollupKey = { pk: string; sk: string };

export interface RollupRecord {
  hospitalId: string;
  figures: RollupFigures | OpenRollupFigures;
  /** Labels the cell: `2026Q4`, `<contractId>#<index>`, or `OPEN`. */
  cell: string;
  version: number;
  computedAt: string;
  /** Extra data of the cell, e.g. a contract quarter's dates. */
  detail?: Record<string, unknown>;
}

/** The rollup cell as stored now (strongly consistent), or undefined. */
export async function rollupAt(db: Db, key: RollupKey): Promise<RollupRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }),
  );
  return out.Item ? stripKeys<RollupRecord & Record<string, unknown>>(out.Item) : undefined;
}

/** Rollup cells by key (one BatchGet per 100 keys, unprocessed keys asked again). */
export async function rollupsAt(db: Db, wanted: RollupKey[]): Promise<Map<string, RollupRecord>> {
  const out = new Map<string, RollupRecord>();
  for (let i = 0; i < wanted.length; i += 100) {
    let request: RollupKey[] = wanted.slice(i, i + 100);
    for (let attempt = 0; request.length > 0 && attempt < 8; attempt += 1) {
      const res = await db.doc.send(
        new BatchGetCommand({ RequestItems: { [db.tableName]: { Keys: request } } }),
      );
      for (const item of res.Responses?.[db.tableName] ?? [])
        out.set(
          `${String(item.pk)}|${String(item.sk)}`,
          stripKeys<RollupRecord & Record<string, unknown>>(item),
        );
      request = (res.UnprocessedKeys?.[db.tableName]?.Keys ?? []) as RollupKey[];
    }
  }
  return out;
}

export const rollupKeyId = (k: RollupKey) => `${k.pk}|${k.sk}`;

/**
 * Every item of one hospital whose sort key lies in [from, to], strongly consistent, in sort
 * order (newest first with `newestFirst`), until `more` says the last item read is far enough.
 */
export async function hospitalItemsConsistent(
  db: Db,
  hospitalId: string,
  range: { from: string; to: string; newestFirst?: boolean },
  more: (last: Record<string, unknown>) => boolean = () => true,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const input: QueryCommandInput = {
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b',
      ExpressionAttributeValues: {
        ':p': keys.hospital(hospitalId).pk,
        ':a': range.from,
        ':b': range.to,
      },
      ConsistentRead: true,
      ScanIndexForward: !range.newestFirst,
      ...(start ? { ExclusiveStartKey: start } : {}),
    };
    const out = await db.doc.send(new QueryCommand(input));
    const page = out.Items ?? [];
    items.push(...page.map((i) => stripKeys(i)));
    start = out.LastEvaluatedKey;
    const last = page[page.length - 1];
    if (last && !more(last)) break;
  } while (start);
  return items;
}

/** What a cell's write adds to the vendor's total of a calendar quarter. */
export interface RollupTotalDelta {
  quarter: string;
  deductionsFen: number;
}

/**
 * Writes a recomputed cell if it still holds the version read (`expectedVersion` null: absent),
 * and in the same transaction adds the change of its standing deductions to the vendor's total
 * shard, so each version change counts there exactly once. False when another writer came first:
 * the caller reads again and recomputes.
 */
export async function writeRollup(
  db: Db,
  key: RollupKey,
  record: RollupRecord,
  expectedVersion: number | null,
  total?: RollupTotalDelta,
): Promise<boolean> {
  const put = {
    Put: {
      TableName: db.tableName,
      Item: { ...key, itemType: 'Rollup', ...record },
      ...(expectedVersion === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': expectedVersion },
          }),
    },
  };
  const totalUpdate =
    total && total.deductionsFen !== 0
      ? [
          {
            Update: {
              TableName: db.tableName,
              Key: keys.rollupTotal(
                shardOfHospital(record.hospitalId, rollupTotalShards),
                total.quarter,
              ),
              UpdateExpression: 'ADD deductionsFen :d SET itemType = :t',
              ExpressionAttributeValues: { ':d': total.deductionsFen, ':t': 'RollupTotal' },
            },
          },
        ]
      : [];
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: [put, ...totalUpdate] }));
    return true;
  } catch (err) {
    if (
      err instanceof TransactionCanceledException &&
      err.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')
    )
      return false;
    throw err;
  }
}

/** The vendor's standing deductions of a calendar quarter: the sum of its shards. */
export async function rollupTotalOf(db: Db, quarter: string): Promise<number> {
  const found = await rollupsAt(
    db,
    Array.from({ length: rollupTotalShards }, (_, shard) => keys.rollupTotal(shard, quarter)),
  );
  let sum = 0;
  for (const item of found.values())
    sum += Number((item as unknown as { deductionsFen?: number }).deductionsFen ?? 0);
  return sum;
}

/** A stream record's images, unmarshalled (the Lambda event's and DynamoDB Local's alike). */
export interface StreamImages {
  oldImage?: Record<string, unknown>;
  newImage?: Record<string, unknown>;
}

type StreamImage = Record<string, unknown> | undefined;

/** The images of stream records as plain items: what the rollups read of a change. */
export function streamImages(
  records: readonly { dynamodb?: { OldImage?: StreamImage; NewImage?: StreamImage } }[],
): StreamImages[] {
  const image = (i: StreamImage) =>
    i ? unmarshall(i as Record<string, AttributeValue>) : undefined;
  return records.map((r) => {
    const oldImage = image(r.dynamodb?.OldImage);
    const newImage = image(r.dynamodb?.NewImage);
    return { ...(oldImage ? { oldImage } : {}), ...(newImage ? { newImage } : {}) };
  });
}

/**
 * Sets a total shard outright: the rebuild's repair after it rewrote every hospital's cells (a
 * deleted cell's deductions would otherwise be added to a total that already held them).
 */
export async function setRollupTotal(
  db: Db,
  quarter: string,
  shard: number,
  deductionsFen: number,
): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...keys.rollupTotal(shard, quarter), itemType: 'RollupTotal', deductionsFen },
    }),
  );
}
