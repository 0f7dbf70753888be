import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.ts';
import type { Page } from './cursor.ts';
import { keys, mailQueueShards, stripKeys } from './keys.ts';
import { allPages, queryPage } from './query-page.ts';

/** Escalations and ticket notices go before reminders, digests and surveys. */
export type MailPriority = 'high' | 'low';
const priorityRank: Record<MailPriority, number> = { high: 0, low: 1 };

/** What SES is asked to send (the Mailer port's message). Text first in Chinese, English below. */
export interface QueuedMessage {
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html?: string;
  /** Where a reply goes: a recipient's own signed reply address (vendor-reply-auth.ts). */
  replyTo?: string[];
  /** Threading: our Message-ID for replies, and what it answers. */
  headers?: Record<string, string>;
}

/** One outgoing message in the queue. */
export interface MailQueueRecord {
  /** The vendor's partition (`_vendor`) for mail that belongs to no hospital (the digest). */
  hospitalId: string;
  /** The sender's idempotency key: one message per key, however often it is enqueued. */
  key: string;
  priority: MailPriority;
  message: QueuedMessage;
  enqueuedAt: string;
  /** Failed sends so far. */
  attempts: number;
  lastError: string | null;
  /**
   * Nobody may send it before then (ISO): a drain's claim holds it, a failed send waits for its
   * retry time. Null when it may go at once.
   */
  leasedUntil: string | null;
  /**
   * 'sent': off the queue, kept a week under its key (TTL); 'dead' after its last attempt:
   * off the queue, on the dead list for ops.
   */
  state: 'waiting' | 'sent' | 'dead';
  version: number;
  /** Once sent: when, and SES's id of it. */
  sentAt?: string;
  messageId?: string;
}

const conditionFailed = (err: unknown) => err instanceof ConditionalCheckFailedException;

/** Queues a message under its key; false when that key is already queued (a retried enqueue). */
export async function enqueueMail(
  db: Db,
  m: Pick<MailQueueRecord, 'hospitalId' | 'key' | 'priority' | 'message' | 'enqueuedAt'>,
): Promise<MailQueueRecord | null> {
  const record: MailQueueRecord = {
    ...m,
    attempts: 0,
    lastError: null,
    leasedUntil: null,
    state: 'waiting',
    version: 1,
  };
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: {
          ...keys.mailQueued(m.hospitalId, m.key),
          ...keys.mailQueueWaiting(m.hospitalId, m.key, priorityRank[m.priority], m.enqueuedAt),
          itemType: 'MailQueued',
          ...record,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return record;
  } catch (err) {
    if (conditionFailed(err)) return null;
    throw err;
  }
}

export async function queuedMail(
  db: Db,
  hospitalId: string,
  key: string,
): Promise<MailQueueRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.mailQueued(hospitalId, key),
      ConsistentRead: true,
    }),
  );
  return out.Item ? (stripKeys(out.Item) as unknown as MailQueueRecord) : undefined;
}

/**
 * One shard of the queue ('waiting': high priority first, oldest first within a priority) or of
 * the dead list ('dead': oldest first).
 */
export function mailInShard(
  db: Db,
  list: 'waiting' | 'dead',
  shard: number,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<MailQueueRecord>> {
  const partition =
    list === 'waiting' ? keys.mailQueuePartition(shard) : keys.mailDeadPartition(shard);
  return queryPage(db, { index: 'gsi1', partition, ...opts });
}

/** All of the queue or of the dead list, over every shard (ops: what waits, what was given up). */
export async function allMailIn(db: Db, list: 'waiting' | 'dead'): Promise<MailQueueRecord[]> {
  const shards = Array.from({ length: mailQueueShards }, (_, shard) => shard);
  const pages = await Promise.all(
    shards.map((shard) =>
      allPages<MailQueueRecord>((cursor) =>
        mailInShard(db, list, shard, { limit: 100, ...(cursor ? { cursor } : {}) }),
      ),
    ),
  );
  return pages.flat();
}

/**
 * Takes a message for one send: only the version read, and only when no other drain holds it. The
 * claimed record, or null when another drain (or a newer change) got there first.
 */
export async function claimMail(
  db: Db,
  m: MailQueueRecord,
  nowMs: number,
  leaseMs: number,
): Promise<MailQueueRecord | null> {
  const leasedUntil = new Date(nowMs + leaseMs).toISOString();
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.mailQueued(m.hospitalId, m.key),
        UpdateExpression: 'SET leasedUntil = :until, version = :next',
        ConditionExpression:
          'version = :v AND #s = :waiting AND (attribute_type(leasedUntil, :null) OR leasedUntil < :now)',
        ExpressionAttributeNames: { '#s': 'state' },
        ExpressionAttributeValues: {
          ':until': leasedUntil,
          ':next': m.version + 1,
          ':v': m.version,
          ':waiting': 'waiting',
          ':null': 'NULL',
          ':now': new Date(nowMs).toISOString(),
        },
      }),
    );
    return { ...m, leasedUntil, version: m.version + 1 };
  } catch (err) {
    if (conditionFailed(err)) return null;
    throw err;
  }
}

/** Gives a claim back unsent and uncounted (no send rate left before the run ended). */
export async function releaseMail(db: Db, m: MailQueueRecord): Promise<boolean> {
  return updateClaimed(db, m, 'SET leasedUntil = :null, version = :next', { ':null': null });
}

/** How long a sent message's key is kept: an enqueue under it within this time sends nothing. */
export const sentMailKeptSeconds = 7 * 86_400;

/**
 * Takes a sent message off the queue (out of the index) and keeps its key, SES's id and the time
 * for a week (TTL): a retried enqueue after the send finds it and sends nothing. False when the
 * claim was lost meanwhile.
 */
export async function markMailSent(
  db: Db,
  m: MailQueueRecord,
  messageId: string,
  nowMs: number,
): Promise<boolean> {
  return updateClaimed(
    db,
    m,
    'SET leasedUntil = :null, version = :next, #s = :sent, sentAt = :at, messageId = :id, expiresAt = :exp REMOVE gsi1pk, gsi1sk',
    {
      ':null': null,
      ':sent': 'sent',
      ':at': new Date(nowMs).toISOString(),
      ':id': messageId,
      ':exp': Math.floor(nowMs / 1000) + sentMailKeptSeconds,
    },
    { '#s': 'state' },
  );
}

/**
 * Records a failed send: the message stays queued, with its error and one attempt more, held until
 * `retryAtMs`; at `maxAttempts` it leaves the queue for the dead list. The state it is left in.
 */
export async function recordMailFailure(
  db: Db,
  m: MailQueueRecord,
  error: string,
  nowMs: number,
  maxAttempts: number,
  retryAtMs: number,
): Promise<'waiting' | 'dead' | 'lost-claim'> {
  const attempts = m.attempts + 1;
  const dead = attempts >= maxAttempts;
  const at = new Date(nowMs).toISOString();
  const ok = dead
    ? await updateClaimed(
        db,
        m,
        'SET leasedUntil = :null, version = :next, attempts = :a, lastError = :e, #s = :dead, gsi1pk = :dpk, gsi1sk = :dsk',
        {
          ':null': null,
          ':a': attempts,
          ':e': error.slice(0, 1000),
          ':dead': 'dead',
          ...prefixed(keys.mailDead(m.hospitalId, m.key, at)),
        },
        { '#s': 'state' },
      )
    : await updateClaimed(
        db,
        m,
        'SET leasedUntil = :retry, version = :next, attempts = :a, lastError = :e',
        {
          ':retry': new Date(retryAtMs).toISOString(),
          ':a': attempts,
          ':e': error.slice(0, 1000),
        },
      );
  if (!ok) return 'lost-claim';
  return dead ? 'dead' : 'waiting';
}

function prefixed(k: { gsi1pk: string; gsi1sk: string }) {
  return { ':dpk': k.gsi1pk, ':dsk': k.gsi1sk };
}

async function updateClaimed(
  db: Db,
  m: MailQueueRecord,
  update: string,
  values: Record<string, unknown>,
  names?: Record<string, string>,
): Promise<boolean> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.mailQueued(m.hospitalId, m.key),
        UpdateExpression: update,
        ConditionExpression: 'version = :v',
        ...(names ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: { ...values, ':v': m.version, ':next': m.version + 1 },
      }),
    );
    return true;
  } catch (err) {
    if (conditionFailed(err)) return false;
    throw err;
  }
}

/** How many sends one second has had, by priority (the pacer's record, kept a day). */
export interface MailPaceRecord {
  second: number;
  count: number;
  high: number;
  low: number;
}

/**
 * Takes one send of this second from the rate shared by every sender: a conditional ADD that
 * succeeds only while the second's count is below `limit`. False when the second is full.
 */
export async function takeMailToken(
  db: Db,
  second: number,
  limit: number,
  priority: MailPriority,
): Promise<boolean> {
  if (limit <= 0) return false;
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.mailPace(second),
        UpdateExpression: 'ADD #n :one, #p :one SET itemType = :type, expiresAt = :expires',
        ConditionExpression: 'attribute_not_exists(#n) OR #n < :limit',
        ExpressionAttributeNames: { '#n': 'count', '#p': priority },
        ExpressionAttributeValues: {
          ':one': 1,
          ':limit': limit,
          ':type': 'MailPace',
          ':expires': second + 86_400,
        },
      }),
    );
    return true;
  } catch (err) {
    if (conditionFailed(err)) return false;
    throw err;
  }
}

/** The pacer's record of one second; undefined when nothing was sent in it. */
export async function mailPaceOf(db: Db, second: number): Promise<MailPaceRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.mailPace(second), ConsistentRead: true }),
  );
  if (!out.Item) return undefined;
  return {
    second,
    count: Number(out.Item.count ?? 0),
    high: Number(out.Item.high ?? 0),
    low: Number(out.Item.low ?? 0),
  };
}
