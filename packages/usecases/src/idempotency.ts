import { idempotencyItem, idempotencyRecord, requestFingerprint, type Db } from '@weibao/store';
import { AppError } from './errors.ts';

/** An Idempotency-Key bound to the request it came with, in the scope of one operation. */
export interface KeyedRequest {
  scope: string;
  key: string;
  fingerprint: string;
}

/** The key of a request, bound to what the request asks (its path values and body); none without a key. */
export function keyedRequest(
  scope: string,
  key: string | undefined,
  request: unknown,
): KeyedRequest | undefined {
  return key ? { scope, key, fingerprint: requestFingerprint(request) } : undefined;
}

/**
 * The id of what an earlier request with the same key made, if any. The same key with another
 * request is refused (422): the client reused a key for something new, and answering the first
 * result would silently drop what it asked now.
 */
export async function earlierResult(
  db: Db,
  hospitalId: string,
  keyed: KeyedRequest | undefined,
): Promise<string | undefined> {
  if (!keyed) return undefined;
  const record = await idempotencyRecord(db, hospitalId, keyed.scope, keyed.key);
  if (!record) return undefined;
  if (record.requestHash !== null && record.requestHash !== keyed.fingerprint) {
    throw new AppError(
      'unprocessable',
      '此幂等键（Idempotency-Key）已用于另一请求；新的请求请使用新的键',
      { path: 'Idempotency-Key' },
    );
  }
  return record.resultId;
}

/** The idempotency row written in the same transaction as what the request makes. */
export function keyedItems(
  hospitalId: string,
  keyed: KeyedRequest | undefined,
  resultId: string,
  nowMs: number,
): Record<string, unknown>[] {
  return keyed
    ? [idempotencyItem(hospitalId, keyed.scope, keyed.key, resultId, nowMs, keyed.fingerprint)]
    : [];
}
