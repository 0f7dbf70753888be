import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ContractTerms } from '@weibao/domain';
import type { AuditRecord } from './audit.ts';
import type { Db } from './client.ts';
import { decodeCursor, encodeCursor, type Page } from './cursor.ts';
import { keys, stripKeys } from './keys.ts';
import { versionedWrite, type WriteCondition } from './versioned-write.ts';

export interface ContractRecord {
  id: string;
  hospitalId: string;
  terms: ContractTerms;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

function contractItem(c: ContractRecord): Record<string, unknown> {
  return {
    ...keys.contract(c.hospitalId, c.id),
    ...(c.deletedAt ? {} : keys.contractByEnd(c.hospitalId, c.id, c.terms.term.endsOn)),
    itemType: 'Contract',
    ...c,
  };
}

export async function contractById(
  db: Db,
  hospitalId: string,
  contractId: string,
): Promise<ContractRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.contract(hospitalId, contractId) }),
  );
  return out.Item ? stripKeys<ContractRecord & Record<string, unknown>>(out.Item) : undefined;
}

/** Contracts of a hospital that are not deleted, oldest first (ids are ULIDs). */
export async function contractsOfHospital(
  db: Db,
  hospitalId: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<ContractRecord>> {
  const { pk, skPrefix } = keys.contractsOfHospital(hospitalId);
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: 'attribute_not_exists(deletedAt) OR deletedAt = :null',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix, ':null': null },
      Limit: opts.limit ?? 50,
      ExclusiveStartKey: decodeCursor(opts.cursor, { pk }),
    }),
  );
  return {
    items: (out.Items ?? []).map((i) => stripKeys<ContractRecord & Record<string, unknown>>(i)),
    next: encodeCursor(out.LastEvaluatedKey),
  };
}

/** Contracts whose term ends on or before a date, across hospitals (renewals). */
export async function contractsEndingBy(
  db: Db,
  endsOnOrBefore: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<ContractRecord>> {
  const gsi1pk = 'CONTRACTS_BY_END';
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p AND gsi1sk <= :end',
      ExpressionAttributeValues: { ':p': gsi1pk, ':end': `${endsOnOrBefore}#\uffff` },
      Limit: opts.limit ?? 50,
      ExclusiveStartKey: decodeCursor(opts.cursor, { gsi1pk }),
    }),
  );
  return {
    items: (out.Items ?? []).map((i) => stripKeys<ContractRecord & Record<string, unknown>>(i)),
    next: encodeCursor(out.LastEvaluatedKey),
  };
}

export async function saveContract(
  db: Db,
  c: ContractRecord,
  condition: WriteCondition,
  audit: AuditRecord,
  alsoCreate?: Record<string, unknown>[],
): Promise<void> {
  await versionedWrite(db, {
    item: contractItem(c),
    condition,
    audit,
    ...(alsoCreate ? { alsoCreate } : {}),
  });
}
