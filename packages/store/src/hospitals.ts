import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { HospitalFields } from '@weibao/domain';
import type { AuditRecord } from './audit.ts';
import { batchGetId, batchGetItems, type BatchGetOptions } from './batch-get.ts';
import type { Db } from './client.ts';
import type { Page } from './cursor.ts';
import { queryPage } from './query-page.ts';
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
    // Soft-deleted hospitals leave the vendor's list (sparse index) but keep their record.
    ...(h.deletedAt ? {} : keys.hospitalInVendorList(h.id)),
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
