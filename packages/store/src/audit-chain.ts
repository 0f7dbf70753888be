import { createHash } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from './audit.ts';
import type { Db } from './client.ts';
import { keys } from './keys.ts';

/**
 * The audit log of a hospital is a set of hash chains, one lane per audited item (a ticket, a
 * contract, the hospital itself…), named by that item's sort key. Record n of a lane carries `seq`
 * n and `prevHash`, the hash of record n-1 of the same lane, and its own `hash` = sha256 over the
 * canonical JSON of everything it stores but the hash, keys included. The item itself carries its
 * lane's head (`auditSeq`, `auditHash`) and is written in the same transaction as the record, under
 * the version condition it already had: the only item two changes of one lane share is the item
 * they both change, so changes of different items of a hospital never contend (docs/decisions.md).
 *
 * What a lane alone cannot see, the newest record deleted together with a rollback of its item's
 * head, a hospital checkpoint sees: a digest of every record written before a cutoff.
 */
export interface ChainLink {
  lane: string;
  seq: number;
  prevHash: string;
  hash: string;
}

export type ChainedAuditRecord = AuditRecord & ChainLink;

export interface LaneHead {
  seq: number;
  hash: string;
}

/** The prevHash of record 1 of every lane. */
export const genesisHash = '0'.repeat(64);

/**
 * JSON with object keys sorted (by UTF-16 code units) and no whitespace, members whose value is
 * undefined left out: the serialisation of RFC 8785 (JCS) for the values an audit record holds.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new Error(`cannot hash a ${typeof value}`);
    return text;
  }
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * What a record's hash covers: every stored attribute but the hash itself, the key attributes
 * (pk, sk, gsi…) and the item type included, so that moving a record to another index partition
 * is an edit like any other. Strings, numbers, booleans, null, lists and maps come back from
 * DynamoDB as they were put, so the canonical JSON of what is read is that of what was written.
 */
export function hashedContent(item: Record<string, unknown>): Record<string, unknown> {
  const content: Record<string, unknown> = { ...item };
  delete content.hash;
  return content;
}

export function auditHash(content: Record<string, unknown>): string {
  return createHash('sha256')
    .update(canonicalJson(hashedContent(content)), 'utf8')
    .digest('hex');
}

/** The key attributes of a record, from its content: what verify expects to find stored. */
function recordKeys(hospitalId: string, r: ChainLink & AuditRecord) {
  return {
    ...keys.audit(hospitalId, r.lane, r.seq),
    ...keys.auditByTime(hospitalId, r.at, r.id),
    ...keys.auditOfEntity(hospitalId, r.entity.type, r.entity.id, r.at, r.id),
  };
}

/**
 * The stored item of a record appended to `lane` after `head`, and the lane's new head (which the
 * audited item stores). The record goes through a JSON round trip first, so what is hashed is
 * exactly what DynamoDB stores and returns.
 */
export function chainAuditRecord(
  record: AuditRecord,
  lane: string,
  head: LaneHead,
): { item: Record<string, unknown>; head: LaneHead } {
  const seq = head.seq + 1;
  const plain = JSON.parse(JSON.stringify(record)) as AuditRecord;
  const content = { ...plain, lane, seq, prevHash: head.hash };
  const withKeys = {
    ...recordKeys(record.hospitalId, content as ChainedAuditRecord),
    itemType: 'AuditRecord',
    ...content,
  };
  const hash = auditHash(withKeys);
  return { item: { ...withKeys, hash }, head: { seq, hash } };
}

export type ChainProblem =
  | 'hash-mismatch'
  | 'prev-hash-mismatch'
  | 'gap'
  | 'sequence-key-mismatch'
  | 'key-mismatch'
  | 'head-mismatch'
  | 'checkpoint-mismatch';

export type ChainVerdict =
  | { ok: true; count: number; lanes: number; checkpoints: number }
  | {
      ok: false;
      count: number;
      lane: string;
      seq: number;
      problem: ChainProblem;
      detail: string;
    };

/** An item of a hospital's audit partition as read: a record, or a checkpoint. */
type StoredItem = Record<string, unknown>;

async function queryAll(
  db: Db,
  input: {
    pk: string;
    filter?: string;
    projection?: string;
    names?: Record<string, string>;
  },
): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': input.pk },
        ...(input.filter ? { FilterExpression: input.filter } : {}),
        ...(input.projection ? { ProjectionExpression: input.projection } : {}),
        ...(input.names ? { ExpressionAttributeNames: input.names } : {}),
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The lane heads the audited items of a hospital name (their `auditSeq`, `auditHash`). */
export async function laneHeadsOfItems(db: Db, hospitalId: string): Promise<Map<string, LaneHead>> {
  const items = await queryAll(db, {
    pk: keys.hospital(hospitalId).pk,
    filter: 'attribute_exists(auditSeq)',
    projection: 'sk, auditSeq, auditHash',
  });
  return new Map(
    items.map((i) => [String(i.sk), { seq: Number(i.auditSeq), hash: String(i.auditHash) }]),
  );
}

const recordKey = /^LANE#(.+)#(\d{12})$/;
const checkpointPrefix = 'CHECKPOINT#';

/** sha256 over `<sk> <hash>` lines of the records given, in sort-key order. */
export function recordsDigest(records: StoredItem[]): string {
  const lines = records.map((r) => `${String(r.sk)} ${String(r.hash)}\n`).sort();
  return createHash('sha256').update(lines.join(''), 'utf8').digest('hex');
}

/** The records a checkpoint with this cutoff covers: those written strictly before it. */
function coveredBy(records: StoredItem[], cutoff: string): StoredItem[] {
  return records.filter((r) => String(r.at) < cutoff);
}

/**
 * Checks a hospital's whole audit log: each lane in sequence order (a record whose content no
 * longer gives its hash: edited; whose keys are not those its content makes: moved; whose prevHash
 * is not the hash of the record before: replaced or reordered; a missing sequence number: deleted),
 * each lane's end against the head its item names (the newest records deleted, or records added
 * after), every audited item against its lane (a lane deleted whole), and every checkpoint against
 * the records written before its cutoff (a record deleted together with a rollback of its item).
 */
export async function verifyAuditChain(db: Db, hospitalId: string): Promise<ChainVerdict> {
  const stored = await queryAll(db, { pk: keys.auditOfHospital(hospitalId).pk });
  const records = stored.filter((i) => !String(i.sk).startsWith(checkpointPrefix));
  const checkpoints = stored.filter((i) => String(i.sk).startsWith(checkpointPrefix));
  const heads = await laneHeadsOfItems(db, hospitalId);

  let count = 0;
  const broken = (lane: string, seq: number, problem: ChainProblem, detail: string) =>
    ({ ok: false, count, lane, seq, problem, detail }) as const;

  const ends = new Map<string, LaneHead>();
  for (const item of records) {
    const match = recordKey.exec(String(item.sk));
    const lane = match?.[1] ?? String(item.lane);
    const seq = Number(match?.[2] ?? item.seq);
    const previous = ends.get(lane) ?? { seq: 0, hash: genesisHash };
    if (!match || item.lane !== lane || item.seq !== seq)
      return broken(
        lane,
        seq || previous.seq + 1,
        'sequence-key-mismatch',
        `the record stored under ${String(item.sk)} says lane ${String(item.lane)}, seq ${String(item.seq)}`,
      );
    if (seq !== previous.seq + 1)
      return broken(
        lane,
        previous.seq + 1,
        'gap',
        `records ${previous.seq + 1}–${seq - 1} of ${lane} are missing before record ${seq}`,
      );
    if (item.prevHash !== previous.hash)
      return broken(
        lane,
        seq,
        'prev-hash-mismatch',
        `prevHash ${String(item.prevHash)} is not the hash of record ${previous.seq} of ${lane} (${previous.hash})`,
      );
    const recomputed = auditHash(item);
    if (item.hash !== recomputed)
      return broken(
        lane,
        seq,
        'hash-mismatch',
        `the record's content hashes to ${recomputed}, it says ${String(item.hash)}: it was changed after it was written`,
      );
    const expectedKeys = recordKeys(hospitalId, item as unknown as ChainedAuditRecord);
    const moved = Object.entries(expectedKeys).find(([k, v]) => item[k] !== v);
    if (moved || item.hospitalId !== hospitalId)
      return broken(
        lane,
        seq,
        'key-mismatch',
        moved
          ? `${moved[0]} is ${String(item[moved[0]])}, the record's content says ${moved[1]}`
          : `the record is of hospital ${String(item.hospitalId)}`,
      );
    ends.set(lane, { seq, hash: recomputed });
    count += 1;
  }

  for (const [lane, end] of ends) {
    const head = heads.get(lane) ?? { seq: 0, hash: genesisHash };
    if (head.seq === end.seq && head.hash === end.hash) continue;
    // The first record the item and its lane disagree on: missing, added, or replaced.
    const at = head.seq > end.seq ? end.seq + 1 : head.seq < end.seq ? head.seq + 1 : end.seq;
    return broken(
      lane,
      at,
      head.seq > end.seq ? 'gap' : 'head-mismatch',
      head.seq > end.seq
        ? `the item ${lane} says ${head.seq} records were written, its lane ends at record ${end.seq}`
        : `the item ${lane} names record ${head.seq} (${head.hash}), its lane ends at record ${end.seq} (${end.hash})`,
    );
  }
  for (const [lane, head] of heads)
    if (!ends.has(lane))
      return broken(
        lane,
        1,
        'gap',
        `the item ${lane} says ${head.seq} records were written, none of them is there`,
      );

  let previousCheckpoint = genesisHash;
  for (const cp of checkpoints) {
    const cutoff = String(cp.cutoff);
    const covered = coveredBy(records, cutoff);
    const problem =
      cp.sk !== keys.auditCheckpoint(hospitalId, cutoff).sk
        ? `is stored under ${String(cp.sk)}`
        : cp.prevHash !== previousCheckpoint
          ? `does not follow the checkpoint before it`
          : cp.hash !== auditHash(cp)
            ? `was changed after it was written`
            : cp.records !== covered.length
              ? `counted ${String(cp.records)} records before it, ${covered.length} are there now`
              : cp.digest !== recordsDigest(covered)
                ? `does not match the records written before it: one was replaced`
                : null;
    if (problem)
      return broken('', 0, 'checkpoint-mismatch', `the checkpoint of ${cutoff} ${problem}`);
    previousCheckpoint = String(cp.hash);
  }
  return { ok: true, count, lanes: ends.size, checkpoints: checkpoints.length };
}

/** How long before a checkpoint its cutoff lies: every change begun before it has committed. */
export const checkpointLagMs = 15 * 60_000;

/**
 * Writes a hospital checkpoint after a clean verify: the count and digest of every record written
 * before `now` minus `checkpointLagMs`, chained to the checkpoint before. Returns the verdict
 * (and writes nothing) when the log is broken.
 */
export async function writeAuditCheckpoint(
  db: Db,
  hospitalId: string,
  now: Date,
): Promise<ChainVerdict & { cutoff?: string }> {
  const verdict = await verifyAuditChain(db, hospitalId);
  if (!verdict.ok) return verdict;
  const stored = await queryAll(db, { pk: keys.auditOfHospital(hospitalId).pk });
  const records = stored.filter((i) => !String(i.sk).startsWith(checkpointPrefix));
  const last = stored.filter((i) => String(i.sk).startsWith(checkpointPrefix)).at(-1);
  const cutoff = new Date(now.getTime() - checkpointLagMs).toISOString();
  if (last && String(last.cutoff) >= cutoff) return { ...verdict, cutoff: String(last.cutoff) };
  const covered = coveredBy(records, cutoff);
  const content = {
    ...keys.auditCheckpoint(hospitalId, cutoff),
    itemType: 'AuditCheckpoint',
    hospitalId,
    cutoff,
    records: covered.length,
    digest: recordsDigest(covered),
    prevHash: last ? String(last.hash) : genesisHash,
  };
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...content, hash: auditHash(content) },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return { ...verdict, cutoff };
}
