import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ChannelEvent, ChannelKind } from '@weibao/domain';
import type { AuditRecord } from './audit.ts';
import type { Db } from './client.ts';
import { keys, stripKeys } from './keys.ts';
import { queryAll } from './query-page.ts';
import { versionedWrite, type WriteCondition } from './versioned-write.ts';

/**
 * A notification channel: one group robot of a hospital, told of the events it lists, for all the
 * hospital's contracts or one. Its key and secret are never answered to anyone (masked).
 */
export interface ChannelRecord {
  id: string;
  hospitalId: string;
  /** null: every contract of the hospital. */
  contractId: string | null;
  kind: ChannelKind;
  /** What people call it: 信息中心值班群. */
  name: string;
  /** The robot's key: WeCom's `key`, DingTalk's `access_token` (a secret). */
  webhookKey: string;
  /** DingTalk's 加签 secret (SEC…); null for WeCom and for a robot without signing. */
  signingSecret: string | null;
  events: ChannelEvent[];
  enabled: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

/** What the last deliveries to a channel did; written by deliveries only, never audited. */
export interface ChannelStatusRecord {
  hospitalId: string;
  channelId: string;
  lastDeliveredAt: string | null;
  lastFailedAt: string | null;
  /** In Chinese, as the channel's page shows it: HTTP 500, errcode 310000 … */
  lastError: string | null;
  /** Failed attempts since the last delivery that went through. */
  failuresSinceDelivery: number;
}

export function channelItem(c: ChannelRecord): Record<string, unknown> {
  return { ...keys.channel(c.hospitalId, c.id), itemType: 'Channel', ...c };
}

export async function channelById(
  db: Db,
  hospitalId: string,
  channelId: string,
): Promise<ChannelRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.channel(hospitalId, channelId),
      ConsistentRead: true,
    }),
  );
  return out.Item ? stripKeys<ChannelRecord & Record<string, unknown>>(out.Item) : undefined;
}

/** The hospital's channels that are not deleted: a handful, in one Query. */
export async function channelsOfHospital(db: Db, hospitalId: string): Promise<ChannelRecord[]> {
  const { pk, skPrefix } = keys.channelsOf(hospitalId);
  const all = await queryAll<ChannelRecord>(db, { partition: { pk }, sort: { prefix: skPrefix } });
  return all.filter((c) => !c.deletedAt);
}

export async function channelStatuses(
  db: Db,
  hospitalId: string,
): Promise<Map<string, ChannelStatusRecord>> {
  const { pk, skPrefix } = keys.channelStatusesOf(hospitalId);
  const all = await queryAll<ChannelStatusRecord>(db, {
    partition: { pk },
    sort: { prefix: skPrefix },
  });
  return new Map(all.map((s) => [s.channelId, s]));
}

/** Saved with its audit record, version-checked. */
export async function saveChannel(
  db: Db,
  c: ChannelRecord,
  condition: WriteCondition,
  audit: AuditRecord,
): Promise<void> {
  await versionedWrite(db, { item: channelItem(c), condition, audit });
}

/** A delivery went through: the channel's last delivery time, and its failures counted from zero. */
export async function recordChannelDelivered(
  db: Db,
  hospitalId: string,
  channelId: string,
  at: string,
): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: keys.channelStatus(hospitalId, channelId),
      UpdateExpression:
        'SET itemType = :t, hospitalId = :h, channelId = :c, lastDeliveredAt = :at, failuresSinceDelivery = :zero',
      ExpressionAttributeValues: {
        ':t': 'ChannelStatus',
        ':h': hospitalId,
        ':c': channelId,
        ':at': at,
        ':zero': 0,
      },
    }),
  );
}

/** A delivery failed: its error and time, one more failure since the last delivery. */
export async function recordChannelFailed(
  db: Db,
  hospitalId: string,
  channelId: string,
  at: string,
  error: string,
): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: keys.channelStatus(hospitalId, channelId),
      UpdateExpression:
        'SET itemType = :t, hospitalId = :h, channelId = :c, lastFailedAt = :at, lastError = :e ADD failuresSinceDelivery :one',
      ExpressionAttributeValues: {
        ':t': 'ChannelStatus',
        ':h': hospitalId,
        ':c': channelId,
        ':at': at,
        ':e': error.slice(0, 500),
        ':one': 1,
      },
    }),
  );
}

/** How long a delivery's mark is kept: longer than the Scheduler retries a schedule (an hour). */
const deliveryTtlSeconds = 30 * 24 * 60 * 60;

/** Whether this delivery already went through. */
export async function channelDeliveryDone(
  db: Db,
  hospitalId: string,
  deliveryId: string,
): Promise<boolean> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.channelDelivery(hospitalId, deliveryId),
      ConsistentRead: true,
    }),
  );
  return out.Item !== undefined;
}

/** Marks a delivery as gone through, so a repeated run of its schedule posts nothing. */
export async function markChannelDeliveryDone(
  db: Db,
  hospitalId: string,
  deliveryId: string,
  channelId: string,
  at: string,
  nowMs: number,
): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: {
        ...keys.channelDelivery(hospitalId, deliveryId),
        itemType: 'ChannelDelivery',
        hospitalId,
        channelId,
        deliveredAt: at,
        expiresAt: Math.floor(nowMs / 1000) + deliveryTtlSeconds,
      },
    }),
  );
}
