import { GetItemCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  allHospitals,
  hospitalItems,
  keys,
  readAuditHead,
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
  const head = keys.auditHead(hospitalId);
  let name: string | null = null;
  let auditHead = { seq: 0, hash: '0'.repeat(64) };
  let lasting = 0;
  let transient = 0;
  for (const item of items) {
    if (item.expiresAt !== undefined) transient += 1;
    else lasting += 1;
    if (item.pk?.S === hospital.pk && item.sk?.S === hospital.sk) name = item.name?.S ?? null;
    if (item.pk?.S === head.pk && item.sk?.S === head.sk)
      auditHead = { seq: Number(item.seq?.N ?? 0), hash: item.hash?.S ?? '' };
  }
  return { hospitalId, name, items: lasting, transientItems: transient, auditHead, countedAt };
}

/**
 * One hospital's census of a live table, taken so that it is of one state: the audit head is read
 * before and after the count, and the count is repeated (up to 3 times) while it moved.
 */
export async function takeCensus(
  db: Db,
  hospitalId: string,
  now: () => Date = () => new Date(),
): Promise<HospitalCensus> {
  let census: HospitalCensus | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await readAuditHead(db, hospitalId);
    const items: StoredItem[] = [];
    for await (const item of hospitalItems(db, hospitalId)) items.push(item);
    census = censusOfItems(hospitalId, items, now().toISOString());
    const after = await readAuditHead(db, hospitalId);
    if (before.seq === after.seq && census.auditHead.seq === after.seq) return census;
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

/** Whether a table's audit chain of a hospital has record `seq` with exactly this hash. */
export async function chainHasRecord(
  db: Db,
  hospitalId: string,
  link: { seq: number; hash: string },
): Promise<boolean> {
  if (link.seq === 0) return true;
  const out = await db.raw.send(
    new GetItemCommand({
      TableName: db.tableName,
      Key: {
        pk: { S: keys.audit(hospitalId, link.seq).pk },
        sk: { S: keys.audit(hospitalId, link.seq).sk },
      },
      ConsistentRead: true,
    }),
  );
  return out.Item?.hash?.S === link.hash;
}
