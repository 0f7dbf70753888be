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
import { keys, rollupTotalShards, stripKeys } from './keys.ts';

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

const quarterFigureNames = [
  'faults',
  'breached',
  'deductionsFen',
  'deductionEntries',
  'withdrawnFen',
] as const;
const openFigureNames = ['fatal', 'serious', 'minor'] as const;

/**
 * A cell keeps its figures as top-level numbers, so the stream can move them with ADD (a missing
 * one reads as 0); the record answers them as `figures`.
 */
function rollupOf(item: Record<string, unknown>): RollupRecord {
  const names = item.sk === 'ROLLUP#OPEN' ? openFigureNames : quarterFigureNames;
  const figures = Object.fromEntries(
    names.map((n) => [n, typeof item[n] === 'number' ? item[n] : 0]),
  ) as unknown as RollupFigures | OpenRollupFigures;
  const rest = stripKeys<Record<string, unknown>>(item);
  return {
    hospitalId: String(rest.hospitalId),
    cell: String(rest.cell),
    figures,
    version: typeof rest.version === 'number' ? rest.version : 0,
    computedAt: String(rest.computedAt ?? ''),
    ...(rest.detail ? { detail: rest.detail as Record<string, unknown> } : {}),
  };
}

/** The rollup cell as stored now (strongly consistent), or undefined. */
export async function rollupAt(db: Db, key: RollupKey): Promise<RollupRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }),
  );
  return out.Item ? rollupOf(out.Item) : undefined;
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
        out.set(`${String(item.pk)}|${String(item.sk)}`, rollupOf(item));
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

/** What a cell's write adds to one of the vendor's total items (a shard of open or deductions). */
export interface RollupTotalDelta {
  key: RollupKey;
  /** Numeric attributes and what to add to each; a delta of zero everywhere writes nothing. */
  add: Record<string, number>;
}
/**
 * Writes a recomputed cell if it still holds the version read (`expectedVersion` null: absent),
 * and in the same transaction adds the change of its figures to the vendor's total shard, so
 * each version change counts there exactly once. False when another writer came first:
 * the caller reads again and recomputes.
 */
export async function writeRollup(
  db: Db,
  key: RollupKey,
  record: RollupRecord,
  expectedVersion: number | null,
  total?: RollupTotalDelta,
): Promise<boolean> {
  const { figures, ...rest } = record;
  const put = {
    Put: {
      TableName: db.tableName,
      Item: { ...key, itemType: 'Rollup', ...rest, ...figures },
      ...(expectedVersion === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': expectedVersion },
          }),
    },
  };
  const totalUpdate = total ? addTo(db, total.key, total.add, { itemType: 'RollupTotal' }) : null;
  return transactUnlessRefused(db, [put, ...(totalUpdate ? [totalUpdate] : [])]);
}

/**
 * An Update that adds numbers to an item's top-level attributes and sets others; null when every
 * number is 0 and nothing is set.
 */
function addTo(
  db: Db,
  key: RollupKey,
  add: Record<string, number>,
  set: Record<string, unknown>,
): Record<string, unknown> | null {
  const moved = Object.entries(add).filter(([, n]) => n !== 0);
  const setting = Object.entries(set);
  if (moved.length === 0 && setting.length === 0) return null;
  const clauses = [
    ...(moved.length > 0 ? [`ADD ${moved.map((_, i) => `#a${i} :a${i}`).join(', ')}`] : []),
    ...(setting.length > 0 ? [`SET ${setting.map((_, i) => `#s${i} = :s${i}`).join(', ')}`] : []),
  ];
  return {
    Update: {
      TableName: db.tableName,
      Key: key,
      UpdateExpression: clauses.join(' '),
      ExpressionAttributeNames: {
        ...Object.fromEntries(moved.map(([k], i) => [`#a${i}`, k])),
        ...Object.fromEntries(setting.map(([k], i) => [`#s${i}`, k])),
      },
      ExpressionAttributeValues: {
        ...Object.fromEntries(moved.map(([, n], i) => [`:a${i}`, n])),
        ...Object.fromEntries(setting.map(([, v], i) => [`:s${i}`, v])),
      },
    },
  };
}

/** Sends a transaction; false when a condition refused it (another writer came first). */
async function transactUnlessRefused(db: Db, items: Record<string, unknown>[]): Promise<boolean> {
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: items as NonNullable<
          ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
        >,
      }),
    );
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

/** What one ticket or ledger entry adds to one rollup cell. */
export interface RollupPart {
  key: RollupKey;
  /** The cell's label (`2026Q4`, `<contractId>#<index>`, `OPEN`). */
  cell: string;
  add: Record<string, number>;
  /** A contract quarter's name and dates, kept on the cell for its readers. */
  detail?: Record<string, unknown>;
  /** The vendor's total the part moves too, and by what, if any. */
  total?: { key: RollupKey; add: Record<string, number> };
}

/** A record's parts as last applied to the cells, with the version that guards them. */
export interface RollupPartsRecord {
  parts: RollupPart[];
  version: number;
}

/** A record's applied parts (strongly consistent), or undefined before its first. */
export async function rollupPartsAt(
  db: Db,
  key: RollupKey,
): Promise<RollupPartsRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }),
  );
  if (!out.Item) return undefined;
  const item = stripKeys<Record<string, unknown>>(out.Item);
  return { parts: item.parts as RollupPart[], version: Number(item.version) };
}

/** Every applied parts item of one hospital, strongly consistent: the rebuild's sums. */
export async function rollupPartsOfHospital(
  db: Db,
  hospitalId: string,
): Promise<RollupPartsRecord[]> {
  const { skPrefix } = keys.rollupPartsOfHospital(hospitalId);
  const items = await hospitalItemsConsistent(db, hospitalId, {
    from: skPrefix,
    to: `${skPrefix}\uffff`,
  });
  return items.map((i) => ({ parts: i.parts as RollupPart[], version: Number(i.version) }));
}

/**
 * Replaces a record's applied parts with `parts` if they are still the version read
 * (`expectedVersion` null: none yet), and in the same transaction adds the difference to each
 * cell and to the vendor's totals: so each change counts there exactly once, and a replay finds
 * its parts already applied. False when another writer came first (read again and retry).
 */
export async function moveRollupParts(
  db: Db,
  change: {
    key: RollupKey;
    hospitalId: string;
    parts: RollupPart[];
    expectedVersion: number | null;
    cells: {
      key: RollupKey;
      cell: string;
      add: Record<string, number>;
      detail?: Record<string, unknown>;
    }[];
    totals: { key: RollupKey; add: Record<string, number> }[];
    at: string;
  },
): Promise<boolean> {
  const put = {
    Put: {
      TableName: db.tableName,
      Item: {
        ...change.key,
        itemType: 'RollupParts',
        hospitalId: change.hospitalId,
        parts: change.parts,
        version: (change.expectedVersion ?? 0) + 1,
      },
      ...(change.expectedVersion === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': change.expectedVersion },
          }),
    },
  };
  const cells = change.cells.map((c) =>
    addTo(
      db,
      c.key,
      { ...c.add, version: 1 },
      {
        itemType: 'Rollup',
        hospitalId: change.hospitalId,
        cell: c.cell,
        computedAt: change.at,
        ...(c.detail ? { detail: c.detail } : {}),
      },
    ),
  );
  const totals = change.totals.map((t) => addTo(db, t.key, t.add, { itemType: 'RollupTotal' }));
  return transactUnlessRefused(db, [
    put,
    ...[...cells, ...totals].filter((u): u is Record<string, unknown> => u !== null),
  ]);
}

/** The vendor-wide totals the overview shows, summed over the shards. */
export interface RollupTotals {
  open: OpenRollupFigures;
  /** Standing deductions of the contract quarters that end on `today` or later. */
  contractQuartersFen: number;
}

/** One shard's total items with a sort key from `from` on (through `to` when given). */
async function totalItemsOfShard(
  db: Db,
  shard: number,
  range: { from: string; to?: string },
): Promise<(Record<string, unknown> & RollupKey)[]> {
  const items: (Record<string, unknown> & RollupKey)[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression:
          range.to === undefined
            ? 'pk = :p AND sk >= :from'
            : 'pk = :p AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':p': keys.rollupTotal('OPEN', shard).pk,
          ':from': range.from,
          ...(range.to === undefined ? {} : { ':to': range.to }),
        },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...((out.Items ?? []) as (Record<string, unknown> & RollupKey)[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * One shard's total items of the contract quarters ending on `fromDay` or later ('' for every
 * day), and its open counts.
 */
export function rollupTotalItems(
  db: Db,
  shard: number,
  fromDay: string,
): Promise<(Record<string, unknown> & RollupKey)[]> {
  // 'OPEN' sorts after every 'CQEND#…', so one range holds both.
  return totalItemsOfShard(db, shard, { from: keys.rollupTotal(`CQEND#${fromDay}`, shard).sk });
}

/**
 * The standing deductions of every hospital's contract quarters that end between `from` and `to`
 * (dates): one Query of each shard's `CQEND#` items in that range, whatever the hospitals.
 */
export async function rollupQuarterEndsFen(db: Db, from: string, to: string): Promise<number> {
  const shards = await Promise.all(
    Array.from({ length: rollupTotalShards }, (_, shard) =>
      totalItemsOfShard(db, shard, {
        from: keys.rollupTotal(`CQEND#${from}`, shard).sk,
        to: keys.rollupTotal(`CQEND#${to}`, shard).sk,
      }),
    ),
  );
  return shards
    .flat()
    .reduce(
      (sum, item) => sum + (typeof item.deductionsFen === 'number' ? item.deductionsFen : 0),
      0,
    );
}

/**
 * The vendor's totals today: one Query of each shard, whatever the number of hospitals (a shard
 * holds its open counts and one item per day a contract quarter ends, about 92 of them).
 */
export async function rollupTotalsOf(db: Db, today: string): Promise<RollupTotals> {
  const shards = await Promise.all(
    Array.from({ length: rollupTotalShards }, (_, shard) => rollupTotalItems(db, shard, today)),
  );
  const totals: RollupTotals = {
    open: { fatal: 0, serious: 0, minor: 0 },
    contractQuartersFen: 0,
  };
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  for (const item of shards.flat()) {
    if (item.sk === 'OPEN') {
      totals.open.fatal += n(item.fatal);
      totals.open.serious += n(item.serious);
      totals.open.minor += n(item.minor);
    } else totals.contractQuartersFen += n(item.deductionsFen);
  }
  return totals;
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
 * Sets a total item outright: the rebuild's repair after it rewrote every hospital's cells (a
 * deleted cell's figures would otherwise be added to a total that already held them).
 */
export async function setRollupTotal(
  db: Db,
  key: RollupKey,
  values: Record<string, number>,
): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...key, itemType: 'RollupTotal', ...values },
    }),
  );
}
