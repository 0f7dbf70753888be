import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { HospitalFields } from '@weibao/domain';
import type { AuditRecord } from './audit.ts';
import type { Db } from './client.ts';
import { decodeCursor, encodeCursor, type Page } from './cursor.ts';
import { keys, stripKeys } from './keys.ts';
import { versionedWrite, type WriteCondition } from './versioned-write.ts';

export interface HospitalRecord extends HospitalFields {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

function hospitalItem(h: HospitalRecord): Record<string, unknown> {
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

/** All hospitals that are not deleted, for the vendor (gsi1). */
export async function allHospitals(
  db: Db,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<HospitalRecord>> {
  const { gsi1pk } = keys.allHospitalsPartition();
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': gsi1pk },
      Limit: opts.limit ?? 50,
      ExclusiveStartKey: decodeCursor(opts.cursor, { gsi1pk }),
    }),
  );
  return {
    items: (out.Items ?? []).map((i) => stripKeys<HospitalRecord & Record<string, unknown>>(i)),
    next: encodeCursor(out.LastEvaluatedKey),
  };
}

export async function saveHospital(
  db: Db,
  h: HospitalRecord,
  condition: WriteCondition,
  audit: AuditRecord,
): Promise<void> {
  await versionedWrite(db, { item: hospitalItem(h), condition, audit });
}
