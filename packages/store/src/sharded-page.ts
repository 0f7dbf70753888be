import type { Db } from './client.ts';
import { encodeCursor, type Page } from './cursor.ts';
import { StoreError } from './errors.ts';
import { removedHospitalIds } from './hospitals.ts';
import { ofHospitals, queryPage, type PageQuery } from './query-page.ts';
import type { IndexName } from './table.ts';

/** A vendor-wide list spread over shard partitions of one index, read as one list. */
export interface ShardedQuery<T> {
  /** The index read; none for partitions of the table itself. */
  index?: IndexName;
  /** The shards in play (all, or those of an engineer's hospitals). */
  shards: readonly Shard[];
  partitionOf: (shard: Shard) => Record<string, string>;
  /** A sort-key condition every shard's read keeps to. */
  sort?: PageQuery['sort'];
  /** The item's full key (table and index): a shard's position after it. */
  keyOf: (item: T) => Record<string, string>;
  /** The index sort key the shards are merged by. */
  sortKeyOf: (item: T) => string;
  /** Merge (and read each shard) from the greatest sort key down. */
  newestFirst?: boolean;
  /**
   * Only items it lets through are given out; the others are passed over in the merge (the cursor
   * moves past them). With `readAtMost`, a page stops after passing over that many items read,
   * short of `limit`, and says how far it read.
   */
  matches?: (item: T) => boolean;
  readAtMost?: number;
  /** The cursor's one field, so one list's cursor does not fit another. */
  name: string;
  limit?: number;
  cursor?: string | undefined;
  visible?: (item: Record<string, unknown>) => boolean;
}

/**
 * An engineer limited to at most this many hospitals reads their hospitals' own partitions (gsi4)
 * and merges them; one with more reads the vendor-wide shards and skips other hospitals' items,
 * which then make up less of what is read.
 */
export const hospitalPartitionsAtMost = 100;

/**
 * Whose records a vendor-wide list shows: never a removed hospital's, and a limited caller's
 * hospitals only. `hospitals`: the limited caller's without the removed ones (null: every
 * hospital); `visible`: the filter for a read of a vendor-wide partition, undefined when it
 * shows every record read.
 */
export async function shownHospitals(
  db: Db,
  hospitals: readonly string[] | null | undefined,
  /** The removed hospitals as the caller read them for many pages; read here when not given. */
  removedAlready?: ReadonlySet<string>,
): Promise<{
  hospitals: readonly string[] | null;
  visible: ((item: Record<string, unknown>) => boolean) | undefined;
}> {
  const removed = removedAlready ?? (await removedHospitalIds(db));
  const mine = hospitals ? hospitals.filter((h) => !removed.has(h)) : null;
  return {
    hospitals: mine,
    visible: mine
      ? ofHospitals(mine)
      : removed.size > 0
        ? (item) => typeof item.hospitalId === 'string' && !removed.has(item.hospitalId)
        : undefined,
  };
}

/** A shard: a number of a sharded key, or a hospital whose own partition is read. */
type Shard = number | string;

interface ShardState<T> {
  shard: Shard;
  buffer: T[];
  /** Where the shard's next read starts: '' its start, a cursor, null once read to the end. */
  at: string | null;
  /** The position the page started at, kept while nothing of the shard was given out. */
  from: string | null;
  last: T | undefined;
}

/**
 * One page of a sharded list, in sort-key order across the shards. A merge of the shards' heads
 * that reads each shard in small pages (about `limit / shards` items) and reads a shard again
 * only when its next item is needed: a page reads about `limit` items whatever the shards hold,
 * not `limit` from every shard. The cursor holds every shard's position after the last item given
 * out, in the shape only this list issues.
 */
export async function shardedPage<T>(
  db: Db,
  q: ShardedQuery<T>,
): Promise<Page<T> & { readThrough?: string | null }> {
  const limit = q.limit ?? 50;
  // A filtered page reads ahead more: most of what it reads may be passed over.
  const wanted = q.matches ? Math.max(limit, Math.min(q.readAtMost ?? 100, 100)) : limit;
  const chunk = Math.max(2, Math.ceil(wanted / Math.max(1, q.shards.length)) + 1);
  const positions = decodeShardedCursor(q.cursor, q.shards, q.name);
  const states: ShardState<T>[] = q.shards.map((shard) => {
    // null (read to the end) must stay null: `?? ''` would start the shard over
    const at = positions.has(shard) ? (positions.get(shard) as string | null) : '';
    return { shard, buffer: [], at, from: at, last: undefined };
  });
  const taken: T[] = [];
  let read = 0;
  let readThrough: string | null = null;
  const before = (a: T, b: T) =>
    q.newestFirst ? q.sortKeyOf(a) > q.sortKeyOf(b) : q.sortKeyOf(a) < q.sortKeyOf(b);
  while (taken.length < limit && (q.readAtMost === undefined || read < q.readAtMost)) {
    const empty = states.filter((s) => s.buffer.length === 0 && s.at !== null);
    await Promise.all(
      empty.map(async (s) => {
        const page = await queryPage<T>(db, {
          ...(q.index ? { index: q.index } : {}),
          ...(q.newestFirst ? { newestFirst: true } : {}),
          partition: q.partitionOf(s.shard),
          ...(q.sort ? { sort: q.sort } : {}),
          limit: chunk,
          ...(s.at ? { cursor: s.at } : {}),
          ...(q.visible ? { visible: q.visible } : {}),
        });
        s.buffer = page.items;
        s.at = page.next;
      }),
    );
    let head: ShardState<T> | undefined;
    for (const s of states) {
      const first = s.buffer[0];
      if (first === undefined) continue;
      if (!head || before(first, head.buffer[0] as T)) head = s;
    }
    if (!head) break;
    const item = head.buffer.shift() as T;
    head.last = item;
    read += 1;
    readThrough = q.sortKeyOf(item);
    if (!q.matches || q.matches(item)) taken.push(item);
  }
  const next = new Map<Shard, string | null>();
  for (const s of states) {
    if (s.buffer.length > 0) next.set(s.shard, s.last ? encodeCursor(q.keyOf(s.last)) : s.from);
    else next.set(s.shard, s.at);
  }
  const more = [...next.values()].some((v) => v !== null);
  const page = { items: taken, next: more ? encodeShardedCursor(q.name, next) : null };
  // only a page with a budget says how far it read: the other lists answer items and next only
  return q.readAtMost === undefined ? page : { ...page, readThrough: more ? readThrough : null };
}

function encodeShardedCursor(name: string, positions: Map<Shard, string | null>): string {
  return Buffer.from(JSON.stringify({ [name]: Object.fromEntries(positions) }), 'utf8').toString(
    'base64url',
  );
}

/**
 * The positions a sharded cursor stands for, checked to have exactly the shape this list issues
 * for these shards; each shard's position is checked again by its own read.
 */
function decodeShardedCursor(
  cursor: string | undefined,
  shards: readonly Shard[],
  name: string,
): Map<Shard, string | null> {
  const positions = new Map<Shard, string | null>(shards.map((s) => [s, '']));
  if (cursor === undefined) return positions;
  const bad = () => new StoreError('bad-cursor', 'the cursor is not one this list gave out');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw bad();
  const outer = Object.keys(parsed);
  const inner = (parsed as Record<string, unknown>)[name];
  if (outer.length !== 1 || typeof inner !== 'object' || inner === null || Array.isArray(inner))
    throw bad();
  const entries = Object.entries(inner);
  if (entries.length !== shards.length) throw bad();
  for (const [key, at] of entries) {
    // a shard's key is the shard as issued: a number's digits, or the hospital id itself
    const shard = positions.has(key) ? key : Number(key);
    if (String(shard) !== key || !positions.has(shard)) throw bad();
    if (at !== null && typeof at !== 'string') throw bad();
    positions.set(shard, at);
  }
  if ([...positions.values()].every((v) => v === null)) throw bad();
  return positions;
}
