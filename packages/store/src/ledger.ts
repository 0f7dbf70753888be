import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DeductionEntry } from '@weibao/domain';
import type { Db } from './client.ts';
import type { Page } from './cursor.ts';
import type { AuditRecord } from './audit.ts';
import { keys, stripKeys } from './keys.ts';
import { versionedWrite } from './versioned-write.ts';
import { queryPage } from './query-page.ts';
import type { Who } from './who.ts';

/** A ledger entry as stored: the rules' entry, where it belongs, and its disputes (never deleted). */
export interface LedgerEntryRecord extends DeductionEntry {
  hospitalId: string;
  contractId: string;
  /** The ticket's number as people know it (WHZX-2026-00042); entries booked before it was kept lack it. */
  ticketNumber?: string;
  bookedAt: string;
  disputes: {
    id: string;
    raisedAt: string;
    raisedBy: Who;
    reason: string;
    outcome: {
      decidedAt: string;
      decidedBy: Who;
      upheld: boolean;
      note: string;
    } | null;
  }[];
  version: number;
}

export function ledgerEntryItem(e: LedgerEntryRecord): Record<string, unknown> {
  return {
    ...keys.ledgerEntry(e.hospitalId, e.contractId, e.id),
    ...keys.ledgerAcrossHospitals(e.hospitalId, e.contractId, e.id, e.reportedAt),
    itemType: 'LedgerEntry',
    ...e,
  };
}

export function ledgerOfContract(
  db: Db,
  hospitalId: string,
  contractId: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<LedgerEntryRecord>> {
  const { pk, skPrefix } = keys.ledgerOfContract(hospitalId, contractId);
  return queryPage(db, { partition: { pk }, sort: { prefix: skPrefix }, ...opts });
}

/** Every hospital's deductions whose fault was reported in [from, to): the vendor's sums. */
export function ledgerAcrossHospitalsBetween(
  db: Db,
  from: string,
  to: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<LedgerEntryRecord>> {
  return queryPage(db, {
    index: 'gsi1',
    partition: { gsi1pk: 'LEDGER' },
    sort: { between: [from, to] },
    ...opts,
  });
}

export async function ledgerEntryById(
  db: Db,
  hospitalId: string,
  contractId: string,
  entryId: string,
  consistent = false,
): Promise<LedgerEntryRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.ledgerEntry(hospitalId, contractId, entryId),
      ...(consistent ? { ConsistentRead: true } : {}),
    }),
  );
  return out.Item ? stripKeys<LedgerEntryRecord & Record<string, unknown>>(out.Item) : undefined;
}

/** Saves an entry's disputes (appended, never removed), version-checked and audited. */
export async function saveLedgerEntry(
  db: Db,
  e: LedgerEntryRecord,
  expectedVersion: number,
  audit: AuditRecord,
): Promise<void> {
  await versionedWrite(db, {
    item: ledgerEntryItem(e),
    condition: { kind: 'update', expectedVersion },
    audit,
  });
}
