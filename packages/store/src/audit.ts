import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '@weibao/domain';
import type { ChainedAuditRecord } from './audit-chain.ts';
import type { Db } from './client.ts';
import { decodeCursor, encodeCursor, type Page } from './cursor.ts';
import { keys, stripKeys } from './keys.ts';

export interface AuditActor {
  sub: string;
  email: string | null;
  role: Role;
}

/**
 * One audit record: who, when, what, before and after. Written in the same transaction as the
 * change, as the next link of the hospital's hash chain (audit-chain.ts adds seq and hashes).
 */
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

/** Audit records of a hospital, newest first: the chain backwards, i.e. the order the changes committed. */
export async function auditRecordsOfHospital(
  db: Db,
  hospitalId: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<ChainedAuditRecord>> {
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
    items: (out.Items ?? []).map((i) => stripKeys<ChainedAuditRecord & Record<string, unknown>>(i)),
    next: encodeCursor(out.LastEvaluatedKey),
  };
}
