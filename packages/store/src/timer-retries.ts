import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.ts';
import type { Page } from './cursor.ts';
import { keys } from './keys.ts';
import { queryPage } from './query-page.ts';

/** A ticket whose SLA timers wait to be planned again (an outbox entry of the Scheduler's). */
export interface TimerRetryRecord {
  hospitalId: string;
  ticketId: string;
  /** When planning failed (ISO); the entry is cleared only if it is still this one. */
  failedAt: string;
  /** The Scheduler's error, for the log and the operator. */
  error: string;
}

/** Records (or renews) the retry of a ticket's timers. A plain put: repeating it is harmless. */
export async function saveTimerRetry(db: Db, r: TimerRetryRecord): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: {
        ...keys.timerRetry(r.hospitalId, r.ticketId),
        ...keys.timerRetryWaiting(r.hospitalId, r.ticketId, r.failedAt),
        itemType: 'TimerRetry',
        ...r,
      },
    }),
  );
}

/** The retries waiting in one shard, oldest first. */
export function timerRetriesWaiting(
  db: Db,
  shard: number,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<TimerRetryRecord>> {
  return queryPage(db, { index: 'gsi1', partition: keys.timerRetryPartition(shard), ...opts });
}

/**
 * Clears a retry once its timers are planned; false when a newer failure replaced it meanwhile,
 * which then stays for the next run.
 */
export async function clearTimerRetry(
  db: Db,
  r: Pick<TimerRetryRecord, 'hospitalId' | 'ticketId' | 'failedAt'>,
): Promise<boolean> {
  try {
    await db.doc.send(
      new DeleteCommand({
        TableName: db.tableName,
        Key: keys.timerRetry(r.hospitalId, r.ticketId),
        ConditionExpression: 'failedAt = :f',
        ExpressionAttributeValues: { ':f': r.failedAt },
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}
