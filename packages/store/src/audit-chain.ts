import { createHash } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from './audit.ts';
import type { Db } from './client.ts';
import { keyAttributes, keys } from './keys.ts';

/**
 * The audit log of a hospital is a hash chain: record n carries `seq` n and `prevHash`, the hash of
 * record n-1, and its own `hash` = sha256 over the canonical JSON of everything it stores except
 * the hash itself and its key attributes. A head item (keys.auditHead) holds the last seq and hash
 * and moves in the same transaction as the change and its record, so the chain has no forks and
 * no gaps unless someone edits the table by hand, which `verifyAuditChain` then finds.
 */
export interface ChainLink {
  seq: number;
  prevHash: string;
  hash: string;
}

export type ChainedAuditRecord = AuditRecord & ChainLink;

export interface AuditHead {
  seq: number;
  hash: string;
}

/** The prevHash of record 1. */
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

/** What a record's hash covers: every stored attribute but the keys, the item type and the hash. */
export function hashedContent(item: Record<string, unknown>): Record<string, unknown> {
  const content: Record<string, unknown> = { ...item };
  for (const k of keyAttributes) delete content[k];
  delete content.itemType;
  delete content.hash;
  return content;
}

export function auditHash(content: Record<string, unknown>): string {
  return createHash('sha256')
    .update(canonicalJson(hashedContent(content)), 'utf8')
    .digest('hex');
}

/** The head of a hospital's chain; seq 0 and the genesis hash before its first record. */
export async function readAuditHead(db: Db, hospitalId: string): Promise<AuditHead> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.auditHead(hospitalId),
      ConsistentRead: true,
    }),
  );
  if (!out.Item) return { seq: 0, hash: genesisHash };
  return { seq: Number(out.Item.seq), hash: String(out.Item.hash) };
}

/**
 * The stored item of a record appended after `head`, and the head it moves to. The record goes
 * through a JSON round trip first, so what is hashed is exactly what DynamoDB stores and returns.
 */
export function chainAuditRecord(
  record: AuditRecord,
  head: AuditHead,
): { item: Record<string, unknown>; head: Record<string, unknown> } {
  const seq = head.seq + 1;
  const plain = JSON.parse(JSON.stringify(record)) as AuditRecord;
  const content = { ...plain, seq, prevHash: head.hash };
  const hash = auditHash(content);
  return {
    item: {
      ...keys.audit(record.hospitalId, seq),
      ...keys.auditOfEntity(record.hospitalId, record.entity.type, record.entity.id, seq),
      itemType: 'AuditRecord',
      ...content,
      hash,
    },
    head: {
      ...keys.auditHead(record.hospitalId),
      itemType: 'AuditHead',
      hospitalId: record.hospitalId,
      seq,
      hash,
      at: record.at,
    },
  };
}

export type ChainProblem =
  'hash-mismatch' | 'prev-hash-mismatch' | 'gap' | 'sequence-key-mismatch' | 'head-mismatch';

export type ChainVerdict =
  | { ok: true; count: number; head: AuditHead }
  | { ok: false; count: number; seq: number; problem: ChainProblem; detail: string };

/**
 * Walks a hospital's audit partition in sequence order (a Query, page by page) and reports the
 * first broken link: a record whose content no longer gives its hash (edited), whose prevHash is
 * not the hash of the record before (replaced or reordered), a missing sequence number (deleted),
 * or a head that does not point at the last record (the newest records deleted).
 */
export async function verifyAuditChain(db: Db, hospitalId: string): Promise<ChainVerdict> {
  const { pk } = keys.auditOfHospital(hospitalId);
  let previous: AuditHead = { seq: 0, hash: genesisHash };
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const seq = Number(item.seq);
      const expected = previous.seq + 1;
      const broken = (problem: ChainProblem, detail: string, at = seq): ChainVerdict => ({
        ok: false,
        count,
        seq: at,
        problem,
        detail,
      });
      if (!Number.isInteger(seq) || item.sk !== keys.audit(hospitalId, seq).sk)
        return broken(
          'sequence-key-mismatch',
          `the record stored under ${String(item.sk)} says seq ${String(item.seq)}`,
          Number.isInteger(seq) ? seq : expected,
        );
      if (seq !== expected)
        return broken(
          'gap',
          seq > expected
            ? `records ${expected}–${seq - 1} are missing before record ${seq}`
            : `record ${seq} comes after record ${previous.seq}`,
          expected,
        );
      if (item.prevHash !== previous.hash)
        return broken(
          'prev-hash-mismatch',
          `prevHash ${String(item.prevHash)} is not the hash of record ${previous.seq} (${previous.hash})`,
        );
      const recomputed = auditHash(item);
      if (item.hash !== recomputed)
        return broken(
          'hash-mismatch',
          `the record's content hashes to ${recomputed}, it says ${String(item.hash)}: it was changed after it was written`,
        );
      previous = { seq, hash: String(item.hash) };
      count += 1;
    }
    start = page.LastEvaluatedKey;
  } while (start);

  const head = await readAuditHead(db, hospitalId);
  if (head.seq !== previous.seq || head.hash !== previous.hash)
    return {
      ok: false,
      count,
      seq: previous.seq + 1,
      problem: head.seq > previous.seq ? 'gap' : 'head-mismatch',
      detail:
        head.seq > previous.seq
          ? `the head says ${head.seq} records were written, the log ends at record ${previous.seq}`
          : `the head (seq ${head.seq}, ${head.hash}) is not the last record (seq ${previous.seq}, ${previous.hash})`,
    };
  return { ok: true, count, head };
}
