import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '@weibao/domain';
import type { AuditRecord } from './audit.ts';
import type { Db } from './client.ts';
import { keys, stripKeys } from './keys.ts';
import { queryAll } from './query-page.ts';
import { versionedWrite, type WriteCondition } from './versioned-write.ts';

export type PersonState = 'active' | 'deactivated';

/**
 * One person of the directory. Hospital users live in their hospital's partition; vendor staff,
 * supervisors and auditors in the vendor's, supervisors and auditors with the contracts they
 * oversee.
 */
export interface PersonRecord {
  /** A hash of the lower-cased e-mail: inviting the same address again finds the same person. */
  id: string;
  /** The identity provider's user id (the token's `sub`). */
  sub: string;
  name: string;
  email: string;
  phone: string | null;
  role: Role;
  /** The hospital of a hospital user; null for vendor staff, supervisors and auditors. */
  hospitalId: string | null;
  /** Supervisors and auditors: the contracts they oversee; empty for everyone else. */
  contracts: { hospitalId: string; contractId: string }[];
  state: PersonState;
  version: number;
  invitedAt: string;
  updatedAt: string;
}

/** The partition a person lives in: the hospital's, or the vendor's. */
export function personPartition(hospitalId: string | null, vendorPartition: string): string {
  return hospitalId ?? vendorPartition;
}

export async function personById(
  db: Db,
  partition: string,
  personId: string,
): Promise<PersonRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.person(partition, personId),
      ConsistentRead: true,
    }),
  );
  return out.Item ? stripKeys<PersonRecord & Record<string, unknown>>(out.Item) : undefined;
}

/** The people of one partition (a hospital's users, or the vendor's people): a few hundred at most. */
export function peopleOf(db: Db, partition: string): Promise<PersonRecord[]> {
  const { pk, skPrefix } = keys.peopleOf(partition);
  return queryAll<PersonRecord>(db, { partition: { pk }, sort: { prefix: skPrefix } });
}

/** Saved with its audit record in the partition's chain, version-checked. */
export async function savePerson(
  db: Db,
  partition: string,
  p: PersonRecord,
  condition: WriteCondition,
  audit: AuditRecord,
): Promise<void> {
  await versionedWrite(db, {
    item: { ...keys.person(partition, p.id), itemType: 'Person', ...p },
    condition,
    audit,
  });
}
