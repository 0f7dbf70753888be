import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '@weibao/domain';
import type { Db } from './client.ts';
import { decodeCursor, encodeCursor, type Page } from './cursor.ts';
import { keys, stripKeys } from './keys.ts';

export interface AuditActor {
  sub: string;
  email: string | null;
  role: Role;
}

/** One audit record: who, when, what, before and after. Written in the same transaction as the change. */
export interface AuditRecord {
  id: string;
  hospitalId: string;
  at: string;
  actor: AuditActor;
  action: string;
  entity: { type: string; id: string };
  before: unknown;
  after: unknown;
}

export function auditItem(r: AuditRecord): Record<string, unknown> {
  return {
    ...keys.audit(r.hospitalId, r.id),
    ...keys.auditOfEntity(r.hospitalId, r.entity.type, r.entity.id, r.id),
    itemType: 'AuditRecord',
    ...r,
  };
}

/** Audit records of a hospital by time, newest first. */
export async function auditRecordsOfHospital(
  db: Db,
  hospitalId: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<AuditRecord>> {
  const { pk } = keys.auditOfHospital(hospitalId);
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ScanIndexForward: false,
      Limit: opts.limit ?? 50,
      ExclusiveStartKey: decodeCursor(opts.cursor, { pk }),
    }),
  );
  return {
    items: (out.Items ?? []).map((i) => stripKeys<AuditRecord & Record<string, unknown>>(i)),
    next: encodeCursor(out.LastEvaluatedKey),
  };
}
