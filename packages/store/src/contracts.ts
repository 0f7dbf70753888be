import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ContractTerms } from '@weibao/domain';
import type { AuditRecord } from './audit.ts';
import type { Db } from './client.ts';
import type { Page } from './cursor.ts';
import { queryPage } from './query-page.ts';
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
export function contractsOfHospital(
  db: Db,
  hospitalId: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<ContractRecord>> {
  const { pk, skPrefix } = keys.contractsOfHospital(hospitalId);
  return queryPage(db, {
    partition: { pk },
    sort: { prefix: skPrefix },
    withoutDeleted: true,
    ...opts,
  });
}

/** Contracts whose term ends on or before a date, across hospitals (renewals). */
export function contractsEndingBy(
  db: Db,
  endsOnOrBefore: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<ContractRecord>> {
  return queryPage(db, {
    index: 'gsi1',
    partition: { gsi1pk: 'CONTRACTS_BY_END' },
    sort: { upTo: `${endsOnOrBefore}#\uffff` },
    ...opts,
  });
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
