import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from './audit.ts';
import type { Db } from './client.ts';
import { keys, stripKeys } from './keys.ts';
import { queryAll } from './query-page.ts';
import { versionedWrite, type WriteCondition } from './versioned-write.ts';
import type { Who } from './who.ts';

/**
 * A 扫码报修 QR link: the department (and campus) its poster hangs in, and the signed link the
 * poster's QR code carries. The token names this record; every use reads it (revoked? hospital
 * live?), so revoking it here stops the poster at once.
 */
export interface QrLinkRecord {
  id: string;
  hospitalId: string;
  /** 科室 as people call it: 心内科一病区. */
  department: string;
  /** One of the hospital's campuses, or null for a hospital without campuses. */
  campus: string | null;
  /** The signed link's token (the poster prints its URL). */
  token: string;
  /** When the signed link stops working (not `expiresAt`: that name is the table's TTL). */
  validUntil: string;
  createdBy: Who;
  revokedAt: string | null;
  revokedBy: Who | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** How a QR link was used: reports it opened and the last one's time. */
export interface QrLinkUseRecord {
  hospitalId: string;
  linkId: string;
  useCount: number;
  lastUsedAt: string | null;
}

export function qrLinkItem(q: QrLinkRecord): Record<string, unknown> {
  return { ...keys.qrLink(q.hospitalId, q.id), itemType: 'QrLink', ...q };
}

export async function qrLinkById(
  db: Db,
  hospitalId: string,
  linkId: string,
): Promise<QrLinkRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.qrLink(hospitalId, linkId),
      ConsistentRead: true,
    }),
  );
  return out.Item ? stripKeys<QrLinkRecord & Record<string, unknown>>(out.Item) : undefined;
}

/** Every QR link of the hospital, revoked ones too (a poster may still hang somewhere). */
export async function qrLinksOfHospital(db: Db, hospitalId: string): Promise<QrLinkRecord[]> {
  const { pk, skPrefix } = keys.qrLinksOf(hospitalId);
  return queryAll<QrLinkRecord>(db, { partition: { pk }, sort: { prefix: skPrefix } });
}

export async function qrLinkUses(
  db: Db,
  hospitalId: string,
): Promise<Map<string, QrLinkUseRecord>> {
  const { pk, skPrefix } = keys.qrLinkUsesOf(hospitalId);
  const all = await queryAll<QrLinkUseRecord>(db, {
    partition: { pk },
    sort: { prefix: skPrefix },
  });
  return new Map(all.map((u) => [u.linkId, u]));
}

/** Saved with its audit record, version-checked. */
export async function saveQrLink(
  db: Db,
  q: QrLinkRecord,
  condition: WriteCondition,
  audit: AuditRecord,
  alsoCreate?: Record<string, unknown>[],
): Promise<void> {
  await versionedWrite(db, {
    item: qrLinkItem(q),
    condition,
    audit,
    ...(alsoCreate?.length ? { alsoCreate } : {}),
  });
}

/** One more ticket opened through the link, at `at`. */
export async function recordQrLinkUse(
  db: Db,
  hospitalId: string,
  linkId: string,
  at: string,
): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: keys.qrLinkUse(hospitalId, linkId),
      UpdateExpression:
        'SET itemType = :t, hospitalId = :h, linkId = :l, lastUsedAt = :at ADD useCount :one',
      ExpressionAttributeValues: {
        ':t': 'QrLinkUse',
        ':h': hospitalId,
        ':l': linkId,
        ':at': at,
        ':one': 1,
      },
    }),
  );
}

/**
 * Adds one to the link's posts of `what` in the current window (atomically) and returns the new
 * count; the counter expires with its window.
 */
export async function countQrLinkPost(
  db: Db,
  hospitalId: string,
  linkId: string,
  what: string,
  nowMs: number,
  windowMs: number,
): Promise<number> {
  const start = Math.floor(nowMs / windowMs) * windowMs;
  const out = await db.doc.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: keys.qrLinkRate(hospitalId, linkId, what, String(start)),
      UpdateExpression: 'ADD #n :one SET itemType = :type, expiresAt = :expires',
      ExpressionAttributeNames: { '#n': 'count' },
      ExpressionAttributeValues: {
        ':one': 1,
        ':type': 'QrLinkRate',
        ':expires': Math.floor((start + 2 * windowMs) / 1000),
      },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(out.Attributes?.count);
}
