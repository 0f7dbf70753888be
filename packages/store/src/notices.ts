import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from './audit.ts';
import type { Db } from './client.ts';
import type { Page } from './cursor.ts';
import { keys, stripKeys } from './keys.ts';
import { queryPage } from './query-page.ts';
import { versionedWrite, type WriteCondition } from './versioned-write.ts';
import type { PersonRef } from './who.ts';

/** 提前通知: a planned upgrade, configuration change or downtime the vendor announced to a hospital. */
export interface AdvanceNoticeRecord {
  id: string;
  hospitalId: string;
  title: string;
  description: string;
  /** The planned change window (ISO instants). */
  windowStart: string;
  windowEnd: string;
  /** Empty: the whole covered system. */
  subsystemIds: string[];
  announcedAt: string;
  announcedBy: PersonRef;
  acknowledgedAt: string | null;
  acknowledgedBy: PersonRef | null;
  /** Who the notice was emailed to with an acknowledge link; [] when no contact was known. */
  emailedTo: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export async function noticeById(
  db: Db,
  hospitalId: string,
  noticeId: string,
): Promise<AdvanceNoticeRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.advanceNotice(hospitalId, noticeId) }),
  );
  return out.Item ? stripKeys<AdvanceNoticeRecord & Record<string, unknown>>(out.Item) : undefined;
}

export function noticesOfHospital(
  db: Db,
  hospitalId: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<AdvanceNoticeRecord>> {
  const { pk, skPrefix } = keys.noticesOfHospital(hospitalId);
  return queryPage(db, {
    partition: { pk },
    sort: { prefix: skPrefix },
    newestFirst: true,
    withoutDeleted: true,
    ...opts,
  });
}

export async function saveNotice(
  db: Db,
  n: AdvanceNoticeRecord,
  condition: WriteCondition,
  audit: AuditRecord,
  /** Items that must not exist yet, written in the same transaction (a used-link record). */
  alsoCreate?: Record<string, unknown>[],
): Promise<void> {
  await versionedWrite(db, {
    item: { ...keys.advanceNotice(n.hospitalId, n.id), itemType: 'AdvanceNotice', ...n },
    condition,
    audit,
    ...(alsoCreate ? { alsoCreate } : {}),
  });
}
