import { QueryCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  allHospitals,
  hospitalItems,
  keys,
  recordsDigest,
  vendorChainId,
  type Db,
  type StoredItem,
} from '@weibao/store';
import type { HospitalCensus } from './report.ts';

/** Counts a hospital's items (Query over its partitions, as `weibao export` reads them). */
export function censusOfItems(
  hospitalId: string,
  items: StoredItem[],
  countedAt: string,
): HospitalCensus {
  const hospital = keys.hospital(hospitalId);
  let name: string | null = null;
  const records: Record<string, unknown>[] = [];
  let lasting = 0;
  let transient = 0;
  for (const item of items) {
    if (item.expiresAt !== undefined) transient += 1;
    else lasting += 1;
    if (item.pk?.S === hospital.pk && item.sk?.S === hospital.sk) name = item.name?.S ?? null;
    if (item.itemType?.S === 'AuditRecord') records.push({ sk: item.sk?.S, hash: item.hash?.S });
  }
  const auditHead = { seq: records.length, hash: recordsDigest(records) };
  return { hospitalId, name, items: lasting, transientItems: transient, auditHead, countedAt };
}

/**
 * One hospital's census of a live table, taken so that it is of one state: the audit clock (count
 * and digest of its audit records) is read before and after the count, and the count is repeated
 * (up to 3 times) while it moved.
 */
export async function takeCensus(
  db: Db,
  hospitalId: string,
  now: () => Date = () => new Date(),
): Promise<HospitalCensus> {
  let census: HospitalCensus | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await auditClock(db, hospitalId);
    const items: StoredItem[] = [];
    for await (const item of hospitalItems(db, hospitalId)) items.push(item);
    census = censusOfItems(hospitalId, items, now().toISOString());
    const after = await auditClock(db, hospitalId);
    if (before.hash === after.hash && census.auditHead.hash === after.hash) return census;
  }
  return census as HospitalCensus;
}

/** The hospitals of the vendor's list (not deleted), and the vendor's own chain: by Query. */
export async function listedHospitals(db: Db): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await allHospitals(db, { limit: 100, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((h) => h.id));
    cursor = page.next ?? undefined;
  } while (cursor);
  return [vendorChainId, ...ids];
}

/**
 * Every hospital item of a table, soft-deleted ones included (they leave the vendor's list but
 * keep their data and their audit chain). No index holds them all, so this reads the whole table.
 * Only for the drill's scratch copy (or DynamoDB Local): never for a production table.
 */
export async function hospitalsInCopy(copy: Db): Promise<string[]> {
  const ids = new Set<string>();
  let start: Record<string, AttributeValue> | undefined;
  do {
    const scan =
      // eslint-disable-next-line no-restricted-syntax -- the drill's own scratch copy: no Query lists soft-deleted hospitals, and a Scan of a table about to be deleted costs no production capacity
      new ScanCommand({
        TableName: copy.tableName,
        FilterExpression: 'itemType = :hospital',
        ExpressionAttributeValues: { ':hospital': { S: 'Hospital' } },
        ProjectionExpression: 'pk',
        ExclusiveStartKey: start,
      });
    const page = await copy.raw.send(scan);
    for (const item of page.Items ?? []) {
      const id = /^H#([^#]+)$/.exec(item.pk?.S ?? '')?.[1];
      if (id) ids.add(id);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return [...ids].sort();
}

/** Sort key → hash of every audit record of a hospital in a table (by Query, consistent). */
export async function auditRecordHashes(db: Db, hospitalId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await db.raw.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :lane)',
        ExpressionAttributeValues: {
          ':pk': { S: keys.auditOfHospital(hospitalId).pk },
          ':lane': { S: 'LANE#' },
        },
        ProjectionExpression: 'sk, #h',
        ExpressionAttributeNames: { '#h': 'hash' },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) out.set(item.sk?.S ?? '', item.hash?.S ?? '');
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/**
 * The audit clock of a hospital: how many audit records it has and a digest of them all. Every
 * audited change adds one record in its own transaction, so an unchanged clock means no audited
 * change happened in between (the lanes have no single head to read any more).
 */
export async function auditClock(
  db: Db,
  hospitalId: string,
): Promise<{ seq: number; hash: string }> {
  const hashes = await auditRecordHashes(db, hospitalId);
  const records = [...hashes].map(([sk, hash]) => ({ sk, hash }));
  return { seq: records.length, hash: recordsDigest(records) };
}

/** Whether every audit record of `earlier` is in `later` with the same hash: one history. */
export async function historyContained(
  earlier: Db,
  later: Db,
  hospitalId: string,
): Promise<boolean> {
  const [a, b] = await Promise.all([
    auditRecordHashes(earlier, hospitalId),
    auditRecordHashes(later, hospitalId),
  ]);
  return [...a].every(([sk, hash]) => b.get(sk) === hash);
}
