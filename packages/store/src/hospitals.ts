import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { HospitalFields } from '@weibao/domain';
import type { AuditRecord } from './audit.ts';
import { batchGetId, batchGetItems, type BatchGetOptions } from './batch-get.ts';
import type { Db } from './client.ts';
import type { Page } from './cursor.ts';
import { addIndexEntry } from './index-entry.ts';
import { queryAll, queryPage } from './query-page.ts';
import { keys, stripKeys } from './keys.ts';
import { versionedWrite, type ConditionalDelete, type WriteCondition } from './versioned-write.ts';

export interface HospitalRecord extends HospitalFields {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export function hospitalItem(h: HospitalRecord): Record<string, unknown> {
  return {
    ...keys.hospital(h.id),
    // Soft-deleted hospitals leave the vendor's list (sparse index) for the list of removed ones,
    // and keep their record.
    ...(h.deletedAt ? keys.hospitalRemoved(h.id) : keys.hospitalInVendorList(h.id)),
    itemType: 'Hospital',
    ...h,
  };
}

export async function hospitalById(
  db: Db,
  hospitalId: string,
): Promise<HospitalRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.hospital(hospitalId) }),
  );
  return out.Item ? stripKeys<HospitalRecord & Record<string, unknown>>(out.Item) : undefined;
}

/** Many hospitals in BatchGetItems of 100 keys (batchGetItems), for jobs across hospitals. */
export async function hospitalsById(
  db: Db,
  hospitalIds: readonly string[],
  options?: BatchGetOptions,
): Promise<(hospitalId: string) => HospitalRecord | undefined> {
  const found = await batchGetItems<HospitalRecord>(db, hospitalIds.map(keys.hospital), options);
  return (hospitalId) => found.get(batchGetId(keys.hospital(hospitalId)));
}

/**
 * All hospitals that are not deleted, for the vendor (gsi1), in id order; with `matching`, a page
 * of those it accepts (read on until the page is full or the list ends).
 */
export function allHospitals(
  db: Db,
  opts: {
    limit?: number;
    cursor?: string;
    matching?: (h: HospitalRecord) => boolean;
  } = {},
): Promise<Page<HospitalRecord>> {
  const { matching, ...page } = opts;
  return queryPage(db, {
    index: 'gsi1',
    partition: keys.allHospitalsPartition(),
    ...page,
    ...(matching ? { visible: (item) => matching(item as unknown as HospitalRecord) } : {}),
  });
}

export async function saveHospital(
  db: Db,
  h: HospitalRecord,
  condition: WriteCondition,
  audit: AuditRecord,
  alsoCreate: Record<string, unknown>[] = [],
  alsoDelete: ConditionalDelete[] = [],
): Promise<void> {
  await versionedWrite(db, { item: hospitalItem(h), condition, audit, alsoCreate, alsoDelete });
}

/**
 * The ids of the hospitals removed (one Query of gsi1 `HOSPITALS_REMOVED`, a few items): the
 * vendor-wide lists leave their open tickets, open obligations and tickets out.
 */
export async function removedHospitalIds(db: Db): Promise<ReadonlySet<string>> {
  const removed = await queryAll<{ id: string }>(db, {
    index: 'gsi1',
    partition: keys.removedHospitalsPartition(),
  });
  return new Set(removed.map((h) => h.id));
}

/**
 * Gives the hospitals removed before the list of removed hospitals was kept their entry in it:
 * a Scan of the whole table for removed hospital records without an index entry, each set
 * version-checked (one changed meanwhile was indexed by its change). Repeating it changes nothing.
 * A Scan reads every item once: run it once, after the deploy that adds the list.
 */
export async function indexRemovedHospitals(
  db: Db,
): Promise<{ hospitals: number; skipped: number }> {
  const out = { hospitals: 0, skipped: 0 };
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      // eslint-disable-next-line no-restricted-syntax -- once, after the deploy that adds the list of removed hospitals: before it, no Query lists them
      new ScanCommand({
        TableName: db.tableName,
        FilterExpression:
          'sk = :hospital AND attribute_type(deletedAt, :string) AND attribute_not_exists(gsi1pk)',
        ExpressionAttributeValues: { ':hospital': 'HOSPITAL', ':string': 'S' },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      const h = item as unknown as HospitalRecord;
      if (await addIndexEntry(db, keys.hospital(h.id), keys.hospitalRemoved(h.id), h.version))
        out.hospitals += 1;
      else out.skipped += 1;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}
