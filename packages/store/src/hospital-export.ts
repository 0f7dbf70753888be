import {
  ConditionalCheckFailedException,
  PutItemCommand,
  QueryCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { canonicalJson } from './audit-chain.ts';
import type { Db } from './client.ts';
import { hospitalPartitions } from './key-layout.ts';
import { keys } from './keys.ts';
import { ensureIntakeAddress, hospitalIdByIntakeAddress } from './mail.ts';

export type StoredItem = Record<string, AttributeValue>;

/**
 * Every item of one hospital, partition by partition (hospitalPartitions, derived from the keys
 * module), each in sort-key order: Query only, consistent reads, never a Scan.
 */
export async function* hospitalItems(db: Db, hospitalId: string): AsyncGenerator<StoredItem> {
  for (const pk of hospitalPartitions(hospitalId)) {
    let start: StoredItem | undefined;
    do {
      const page = await db.raw.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: pk } },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      yield* page.Items ?? [];
      start = page.LastEvaluatedKey;
    } while (start);
  }
}

/** Binary as base64 and set members sorted, so the same item always gives the same line. */
function toJsonValue(v: AttributeValue): unknown {
  if (v.B !== undefined) return { B: Buffer.from(v.B).toString('base64') };
  if (v.BS !== undefined) return { BS: v.BS.map((b) => Buffer.from(b).toString('base64')).sort() };
  if (v.SS !== undefined) return { SS: [...v.SS].sort() };
  if (v.NS !== undefined) return { NS: [...v.NS].sort() };
  if (v.M !== undefined)
    return { M: Object.fromEntries(Object.entries(v.M).map(([k, x]) => [k, toJsonValue(x)])) };
  if (v.L !== undefined) return { L: v.L.map(toJsonValue) };
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined));
}

function fromJsonValue(v: unknown, path: string): AttributeValue {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new Error(`${path}: not a DynamoDB attribute value`);
  const entries = Object.entries(v);
  const [type, value] = entries[0] ?? [];
  if (entries.length !== 1 || type === undefined)
    throw new Error(`${path}: an attribute value has exactly one type`);
  const strings = (x: unknown) => {
    if (!Array.isArray(x) || !x.every((s) => typeof s === 'string'))
      throw new Error(`${path}: ${type} must be a list of strings`);
    return x as string[];
  };
  switch (type) {
    case 'S':
    case 'N':
      if (typeof value !== 'string') throw new Error(`${path}: ${type} must be a string`);
      return type === 'S' ? { S: value } : { N: value };
    case 'BOOL':
      if (typeof value !== 'boolean') throw new Error(`${path}: BOOL must be true or false`);
      return { BOOL: value };
    case 'NULL':
      return { NULL: true };
    case 'B':
      if (typeof value !== 'string') throw new Error(`${path}: B must be base64`);
      return { B: Buffer.from(value, 'base64') };
    case 'SS':
      return { SS: strings(value) };
    case 'NS':
      return { NS: strings(value) };
    case 'BS':
      return { BS: strings(value).map((b) => Buffer.from(b, 'base64')) };
    case 'L':
      if (!Array.isArray(value)) throw new Error(`${path}: L must be a list`);
      return { L: value.map((x, i) => fromJsonValue(x, `${path}[${i}]`)) };
    case 'M':
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new Error(`${path}: M must be an object`);
      return {
        M: Object.fromEntries(
          Object.entries(value).map(([k, x]) => [k, fromJsonValue(x, `${path}.${k}`)]),
        ),
      };
    default:
      throw new Error(`${path}: unknown attribute type ${type}`);
  }
}

/**
 * One line of an export: `{"Item":{…}}` in DynamoDB JSON, the format of DynamoDB's own export to
 * S3, with keys sorted so that the same item always gives the same bytes.
 */
export function exportLine(item: StoredItem): string {
  return canonicalJson({
    Item: Object.fromEntries(Object.entries(item).map(([k, v]) => [k, toJsonValue(v)])),
  });
}

export function parseExportLine(line: string, lineNumber = 1): StoredItem {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new Error(`line ${lineNumber}: not JSON`);
  }
  const item = (parsed as { Item?: unknown } | null)?.Item;
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    throw new Error(`line ${lineNumber}: expected {"Item": {…}}`);
  const out = Object.fromEntries(
    Object.entries(item).map(([k, v]) => [k, fromJsonValue(v, `line ${lineNumber}: ${k}`)]),
  );
  if (out.pk?.S === undefined || out.sk?.S === undefined)
    throw new Error(`line ${lineNumber}: the item has no pk and sk`);
  return out;
}

/** The hospital a partition key belongs to: `H#<id>` or `H#<id>#…`. */
export function hospitalOfPartition(pk: string): string | undefined {
  const id = /^H#([^#]+)/.exec(pk)?.[1];
  return id !== undefined && hospitalPartitions(id).includes(pk) ? id : undefined;
}

/** Whether the table holds anything of the hospital, in any of its partitions. */
export async function hospitalHasItems(db: Db, hospitalId: string): Promise<boolean> {
  for (const pk of hospitalPartitions(hospitalId)) {
    const page = await db.raw.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: pk } },
        ConsistentRead: true,
        Limit: 1,
      }),
    );
    if ((page.Items ?? []).length > 0) return true;
  }
  return false;
}

export class ImportRefusedError extends Error {}

/**
 * Restores one hospital's export into a table that holds nothing of that hospital. Every item
 * must belong to the same hospital's partitions; each is written only where nothing is (so an
 * import never overwrites), several at a time.
 */
export async function importHospitalItems(
  db: Db,
  items: StoredItem[],
  concurrency = 16,
): Promise<{ hospitalId: string; count: number; intakeLocalPart: string | null }> {
  const hospitals = new Set(items.map((i) => hospitalOfPartition(i.pk?.S ?? '')));
  if (hospitals.has(undefined))
    throw new ImportRefusedError(
      'the file holds items outside any hospital partition; only a hospital export can be imported',
    );
  if (hospitals.size !== 1)
    throw new ImportRefusedError(
      hospitals.size === 0
        ? 'the file holds no items'
        : `the file holds items of several hospitals (${[...hospitals].join(', ')}); import one hospital’s export at a time`,
    );
  const hospitalId = [...hospitals][0] as string;
  if (await hospitalHasItems(db, hospitalId))
    throw new ImportRefusedError(
      `table ${db.tableName} already holds data of hospital ${hospitalId}; import only into a table without it`,
    );
  // The intake address lookup lies outside the hospital's partitions (it is shared by all), so it
  // is not in the export: it is made again from the hospital item, or mail would not arrive.
  const hospitalKey = keys.hospital(hospitalId);
  const hospitalItem = items.find((i) => i.pk?.S === hospitalKey.pk && i.sk?.S === hospitalKey.sk);
  const intakeLocalPart = hospitalItem?.intakeLocalPart?.S ?? null;
  const holder = intakeLocalPart ? await hospitalIdByIntakeAddress(db, intakeLocalPart) : undefined;
  if (holder !== undefined && holder !== hospitalId)
    throw new ImportRefusedError(
      `the intake address ${intakeLocalPart} belongs to hospital ${holder} in table ${db.tableName}; give one of them another intakeLocalPart first`,
    );
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as StoredItem;
      try {
        await db.raw.send(
          new PutItemCommand({
            TableName: db.tableName,
            Item: item,
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (err) {
        if (err instanceof ConditionalCheckFailedException)
          throw new ImportRefusedError(
            `${item.pk?.S} ${item.sk?.S} appeared in the table during the import (or twice in the file); stopped`,
          );
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (intakeLocalPart && !(await ensureIntakeAddress(db, intakeLocalPart, hospitalId))) {
    const now = await hospitalIdByIntakeAddress(db, intakeLocalPart);
    if (now !== hospitalId)
      throw new ImportRefusedError(
        `the intake address ${intakeLocalPart} was taken by hospital ${now} during the import; the hospital's items are in, but mail to it will not arrive until it gets another intakeLocalPart`,
      );
  }
  return { hospitalId, count: items.length, intakeLocalPart };
}
