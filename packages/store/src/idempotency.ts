import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.ts';
import { keys } from './keys.ts';

/** Idempotency records live 24 hours: long enough for any client's retries. */
const ttlSeconds = 24 * 60 * 60;

export function idempotencyItem(
  hospitalId: string,
  scope: string,
  key: string,
  resultId: string,
  nowMs: number,
): Record<string, unknown> {
  return {
    ...keys.idempotency(hospitalId, scope, key),
    itemType: 'IdempotencyRecord',
    resultId,
    expiresAt: Math.floor(nowMs / 1000) + ttlSeconds,
  };
}

/** The id of what an earlier request with this key made, if any. */
export async function idempotentResult(
  db: Db,
  hospitalId: string,
  scope: string,
  key: string,
): Promise<string | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.idempotency(hospitalId, scope, key),
      ConsistentRead: true,
    }),
  );
  return typeof out.Item?.resultId === 'string' ? out.Item.resultId : undefined;
}
