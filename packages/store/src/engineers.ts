import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from './audit.ts';
import type { Db } from './client.ts';
import { keys, stripKeys } from './keys.ts';
import { versionedWrite, type WriteCondition } from './versioned-write.ts';

/**
 * The hospitals one support engineer may reach. No record: every hospital (vendor staff see all,
 * the domain's default); a record limits the engineer to exactly `hospitalIds`.
 */
export interface EngineerAssignmentRecord {
  /** The engineer's user id (the token's `sub`). */
  sub: string;
  hospitalIds: string[];
  /** Set when an admin lifted the limit again: every hospital, as without a record. */
  unlimited: boolean;
  version: number;
  updatedAt: string;
}

export async function engineerAssignment(
  db: Db,
  sub: string,
): Promise<EngineerAssignmentRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.engineerAssignment(sub) }),
  );
  return out.Item
    ? stripKeys<EngineerAssignmentRecord & Record<string, unknown>>(out.Item)
    : undefined;
}

/** Saved with its audit record in the vendor's chain (`vendorChainId`), version-checked. */
export async function saveEngineerAssignment(
  db: Db,
  a: EngineerAssignmentRecord,
  condition: WriteCondition,
  audit: AuditRecord,
): Promise<void> {
  await versionedWrite(db, {
    item: { ...keys.engineerAssignment(a.sub), itemType: 'EngineerAssignment', ...a },
    condition,
    audit,
  });
}
