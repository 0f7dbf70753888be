import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.ts';
import { decodeCursor, encodeCursor, type Page } from './cursor.ts';
import { StoreError } from './errors.ts';
import { stripKeys } from './keys.ts';
import type { IndexName } from './table.ts';

export interface PageQuery {
  index?: IndexName;
  /** The partition: attribute name and value, e.g. { pk: 'H#whzx' }. */
  partition: Record<string, string>;
  /** Sort-key condition on the partition's sort attribute. */
  sort?: { prefix: string } | { upTo: string } | { between: [string, string] };
  newestFirst?: boolean;
  /** Leave out soft-deleted items (a filter: a page may hold fewer than `limit`). */
  withoutDeleted?: boolean;
  limit?: number;
  cursor?: string | undefined;
  /**
   * Only items the caller may see count: the query goes on until `limit` of them are found or the
   * list ends, and the cursor is the key of the last item returned, never of one it skipped (a
   * cursor is the caller's to decode).
   */
  visible?: (item: Record<string, unknown>) => boolean;
}

const sortAttr: Record<string, string> = {
  pk: 'sk',
  gsi1pk: 'gsi1sk',
  gsi2pk: 'gsi2sk',
  gsi3pk: 'gsi3sk',
  gsi4pk: 'gsi4sk',
  gsi5pk: 'gsi5sk',
};

/** Items of these hospitals only (by the hospitalId every hospital item carries). */
export function ofHospitals(
  hospitals: readonly string[],
): (item: Record<string, unknown>) => boolean {
  const allowed = new Set(hospitals);
  return (item) => typeof item.hospitalId === 'string' && allowed.has(item.hospitalId);
}

/** One page of one access pattern, with an opaque cursor that only fits this partition. */
export async function queryPage<T>(db: Db, q: PageQuery): Promise<Page<T>> {
  const [[pkName, pkValue]] = Object.entries(q.partition) as [[string, string]];
  const sk = sortAttr[pkName] as string;
  const values: Record<string, unknown> = { ':p': pkValue };
  let condition = '#p = :p';
  if (q.sort && 'prefix' in q.sort) {
    condition += ' AND begins_with(#s, :s)';
    values[':s'] = q.sort.prefix;
  } else if (q.sort && 'upTo' in q.sort) {
    condition += ' AND #s <= :s';
    values[':s'] = q.sort.upTo;
  } else if (q.sort && 'between' in q.sort) {
    condition += ' AND #s BETWEEN :s1 AND :s2';
    [values[':s1'], values[':s2']] = q.sort.between;
  }
  const limit = q.limit ?? 50;
  const keyNames = q.index ? ['pk', 'sk', pkName, sk] : ['pk', 'sk'];
  const input: QueryCommandInput = {
    TableName: db.tableName,
    ...(q.index ? { IndexName: q.index } : {}),
    KeyConditionExpression: condition,
    ExpressionAttributeNames: { '#p': pkName, ...(q.sort ? { '#s': sk } : {}) },
    ExpressionAttributeValues: values,
    ScanIndexForward: !q.newestFirst,
    Limit: limit,
    ExclusiveStartKey: decodeCursor(q.cursor, { [pkName]: pkValue }, keyNames),
  };
  if (q.withoutDeleted) {
    input.FilterExpression = 'attribute_not_exists(deletedAt) OR deletedAt = :null';
    values[':null'] = null;
  }
  if (!q.visible) {
    const out = await send(db, input, q.cursor);
    return {
      items: (out.Items ?? []).map((i) => stripKeys<T & Record<string, unknown>>(i)),
      next: encodeCursor(out.LastEvaluatedKey),
    };
  }
  const items: Record<string, unknown>[] = [];
  for (;;) {
    const out = await send(db, input, q.cursor);
    const batch = out.Items ?? [];
    for (let i = 0; i < batch.length; i += 1) {
      const item = batch[i] as Record<string, unknown>;
      if (!q.visible(item)) continue;
      items.push(item);
      if (items.length === limit) {
        const more = i < batch.length - 1 || out.LastEvaluatedKey !== undefined;
        return {
          items: items.map((x) => stripKeys<T & Record<string, unknown>>(x)),
          next: more ? encodeCursor(Object.fromEntries(keyNames.map((k) => [k, item[k]]))) : null,
        };
      }
    }
    if (!out.LastEvaluatedKey) break;
    input.ExclusiveStartKey = out.LastEvaluatedKey;
  }
  return { items: items.map((x) => stripKeys<T & Record<string, unknown>>(x)), next: null };
}

/** A Query; a start key DynamoDB refuses (well-formed, but not of this list) is a bad cursor. */
async function send(db: Db, input: QueryCommandInput, cursor: string | undefined) {
  try {
    return await db.doc.send(new QueryCommand(input));
  } catch (err) {
    if (cursor !== undefined && (err as { name?: string }).name === 'ValidationException')
      throw new StoreError('bad-cursor', 'the cursor is not one this list gave out');
    throw err;
  }
}

/**
 * Every item a paged read yields, page after page, for reads whose whole result is needed (a
 * timeline, a contract's obligations). `more` stops early: a newest-first read past its window.
 */
export async function allPages<T>(
  read: (cursor: string | undefined) => Promise<Page<T>>,
  more: (page: Page<T>) => boolean = () => true,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.next && more(page) ? page.next : undefined;
  } while (cursor);
  return items;
}

/** Every item of one query (all its pages). */
export function queryAll<T>(db: Db, q: Omit<PageQuery, 'cursor'>): Promise<T[]> {
  return allPages((cursor) => queryPage<T>(db, { ...q, cursor }));
}
