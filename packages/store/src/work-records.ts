import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from './audit.ts';
import type { Db } from './client.ts';
import type { Page } from './cursor.ts';
import { keys, stripKeys } from './keys.ts';
import { queryPage } from './query-page.ts';
import { versionedWrite } from './versioned-write.ts';
import type { Who } from './who.ts';

export const workRecordKinds = ['clean-up', 'restore-test', 'training', 'tuning', 'other'] as const;
export type WorkRecordKind = (typeof workRecordKinds)[number];

/** 清理, 备份恢复测试, 培训, 调优: what was done on a day, attached to an obligation or standalone. */
export interface WorkRecord {
  id: string;
  hospitalId: string;
  contractId: string;
  obligationId: string | null;
  kind: WorkRecordKind;
  /** The Shanghai day the work was done. */
  performedOn: string;
  summary: string;
  /** Only for a restore test: its result. */
  restoreTest: { result: 'pass' | 'fail'; durationMinutes: number; notes: string } | null;
  /** Only for a training: who attended. */
  training: { topic: string; attendees: { name: string; department: string | null }[] } | null;
  recordedAt: string;
  recordedBy: Who;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export function workRecordItem(r: WorkRecord): Record<string, unknown> {
  return { ...keys.workRecord(r.hospitalId, r.contractId, r.id), itemType: 'WorkRecord', ...r };
}

export async function workRecordById(
  db: Db,
  hospitalId: string,
  contractId: string,
  recordId: string,
): Promise<WorkRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.workRecord(hospitalId, contractId, recordId),
    }),
  );
  return out.Item ? stripKeys<WorkRecord & Record<string, unknown>>(out.Item) : undefined;
}

/** Work records of a contract, newest first (ids are ULIDs). */
export function workRecordsOfContract(
  db: Db,
  hospitalId: string,
  contractId: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<WorkRecord>> {
  const { pk, skPrefix } = keys.workRecordsOfContract(hospitalId, contractId);
  return queryPage(db, {
    partition: { pk },
    sort: { prefix: skPrefix },
    newestFirst: true,
    withoutDeleted: true,
    ...opts,
  });
}

export async function createWorkRecord(
  db: Db,
  r: WorkRecord,
  audit: AuditRecord,
  alsoCreate?: Record<string, unknown>[],
): Promise<void> {
  await versionedWrite(db, {
    item: workRecordItem(r),
    condition: { kind: 'create' },
    audit,
    ...(alsoCreate ? { alsoCreate } : {}),
  });
}
