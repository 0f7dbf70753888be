import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { canonicalJson } from './audit-chain.ts';
import type { Db } from './client.ts';
import { keys } from './keys.ts';

/** Idempotency records live 24 hours: long enough for any client's retries. */
const ttlSeconds = 24 * 60 * 60;

/**
 * What binds an Idempotency-Key to its request: SHA-256 of the request's validated input (path
 * values and body) in canonical JSON. A repeat must carry the same input to get the first result.
 */
export function requestFingerprint(input: unknown): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

export function idempotencyItem(
  hospitalId: string,
  scope: string,
  key: string,
  resultId: string,
  nowMs: number,
  fingerprint: string,
): Record<string, unknown> {
  return {
    ...keys.idempotency(hospitalId, scope, key),
    itemType: 'IdempotencyRecord',
    resultId,
    requestHash: fingerprint,
    expiresAt: Math.floor(nowMs / 1000) + ttlSeconds,
  };
}

/** What an earlier request with this key made, and the fingerprint of that request. */
export interface IdempotencyRecord {
  resultId: string;
  /** Absent on records written before keys were bound to their request. */
  requestHash: string | null;
}

/** The record of an earlier request with this key, if any (read consistently). */
export async function idempotencyRecord(
  db: Db,
  hospitalId: string,
  scope: string,
  key: string,
): Promise<IdempotencyRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.idempotency(hospitalId, scope, key),
      ConsistentRead: true,
    }),
  );
  const item = out.Item;
  if (!item || typeof item.resultId !== 'string') return undefined;
  return {
    resultId: item.resultId,
    requestHash: typeof item.requestHash === 'string' ? item.requestHash : null,
  };
}
