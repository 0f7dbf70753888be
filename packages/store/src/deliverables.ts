import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DeliverableItemId, DeliverableState } from '@weibao/domain';
import type { AuditRecord } from './audit.ts';
import type { Db } from './client.ts';
import { keys, stripKeys } from './keys.ts';
import { queryAll } from './query-page.ts';
import { versionedWrite, type WriteCondition } from './versioned-write.ts';
import type { Who } from './who.ts';

export type DeliverableEntry = DeliverableState & {
  recordedAt: string;
  recordedBy: Who;
};

/** 项目提交物 of one quarter of a contract: each of the six items as it stands. */
export interface DeliverablesRecord {
  hospitalId: string;
  contractId: string;
  quarter: number;
  items: Partial<Record<DeliverableItemId, DeliverableEntry>>;
  /** When every item was in for the first time: the package counts as submitted from then. */
  completedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A contract quarter in a key: Q01, Q02, … (sorts in order). */
export const quarterPeriodKey = (quarter: number) => `Q${String(quarter).padStart(2, '0')}`;

export async function deliverablesOfQuarter(
  db: Db,
  hospitalId: string,
  contractId: string,
  quarter: number,
): Promise<DeliverablesRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.deliverables(hospitalId, contractId, quarterPeriodKey(quarter)),
    }),
  );
  return out.Item ? stripKeys<DeliverablesRecord & Record<string, unknown>>(out.Item) : undefined;
}

/** Every quarter's package of a contract that has at least one item recorded, in order. */
export async function deliverablesOfContract(
  db: Db,
  hospitalId: string,
  contractId: string,
): Promise<DeliverablesRecord[]> {
  const { pk, skPrefix } = keys.deliverablesOfContract(hospitalId, contractId);
  return queryAll<DeliverablesRecord>(db, {
    partition: { pk },
    sort: { prefix: skPrefix },
    limit: 100,
  });
}

export async function saveDeliverables(
  db: Db,
  d: DeliverablesRecord,
  condition: WriteCondition,
  audit: AuditRecord,
): Promise<void> {
  await versionedWrite(db, {
    item: {
      ...keys.deliverables(d.hospitalId, d.contractId, quarterPeriodKey(d.quarter)),
      itemType: 'Deliverables',
      ...d,
    },
    condition,
    audit,
  });
}
