import { setTimeout as sleep } from 'node:timers/promises';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AuditRecord } from './audit.ts';
import { chainAuditRecord, readAuditHead } from './audit-chain.ts';
import type { Db } from './client.ts';
import { StoreError } from './errors.ts';

export type WriteCondition = { kind: 'create' } | { kind: 'update'; expectedVersion: number };

export interface VersionedWrite {
  /** The full item, keys included. */
  item: Record<string, unknown>;
  condition: WriteCondition;
  /** Written in the same transaction, so a change never lands without its audit record. */
  audit: AuditRecord;
  /** Further items that must not exist yet (e.g. an idempotency record). */
  alsoCreate?: Record<string, unknown>[];
  /** Further items replaced in the same transaction, each conditioned on the version it was read at. */
  alsoUpdate?: { item: Record<string, unknown>; expectedVersion: number }[];
  /** Items removed in the same transaction, each only while its condition holds. */
  alsoDelete?: ConditionalDelete[];
}

/** A delete inside a versioned write, e.g. a lookup item the change gives up. */
export interface ConditionalDelete {
  key: { pk: string; sk: string };
  condition: string;
  values: Record<string, unknown>;
}

/**
 * Writers of one hospital queue on its audit chain head. A transaction that lost the race only to
 * another writer of the same hospital is tried again with the new head, after a random pause
 * that doubles each time (full jitter), at most `attempts` times in all.
 */
export const chainRetry = { attempts: 10, baseDelayMs: 15, maxDelayMs: 400 };

// Positions in the transaction; companions (alsoCreate) follow.
const entityAt = 0;
const auditAt = 1;
const headAt = 2;

/**
 * Writes an entity, its audit record (the next link of the hospital's hash chain), the moved
 * chain head and any companions in one transaction. A create fails with `already-exists` when the
 * key is taken; an update with `version-conflict` (and the stored version) when the item changed
 * since it was read, or `not-found` when it is gone. When only the chain head moved (a concurrent
 * change in the same hospital), it reads the head again and retries; `contention` if that never
 * succeeds.
 */
export async function versionedWrite(db: Db, w: VersionedWrite): Promise<void> {
  const entityPut =
    w.condition.kind === 'create'
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : {
          ConditionExpression: 'attribute_exists(pk) AND version = :expected',
          ExpressionAttributeValues: { ':expected': w.condition.expectedVersion },
        };
  for (let attempt = 1; ; attempt++) {
    const head = await readAuditHead(db, w.audit.hospitalId);
    const chained = chainAuditRecord(w.audit, head);
    const headCondition =
      head.seq === 0
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'seq = :seq',
            ExpressionAttributeValues: { ':seq': head.seq },
          };
    const mustNotExist = (Item: Record<string, unknown>) => ({
      Put: {
        TableName: db.tableName,
        Item,
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      },
    });
    try {
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: db.tableName,
                Item: w.item,
                ...entityPut,
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            mustNotExist(chained.item),
            { Put: { TableName: db.tableName, Item: chained.head, ...headCondition } },
            ...(w.alsoCreate ?? []).map(mustNotExist),
            ...(w.alsoUpdate ?? []).map((u) => ({
              Put: {
                TableName: db.tableName,
                Item: u.item,
                ConditionExpression: 'attribute_exists(pk) AND version = :expected',
                ExpressionAttributeValues: { ':expected': u.expectedVersion },
              },
            })),
            ...(w.alsoDelete ?? []).map((d) => ({
              Delete: {
                TableName: db.tableName,
                Key: d.key,
                ConditionExpression: d.condition,
                ExpressionAttributeValues: d.values,
              },
            })),
          ],
        }),
      );
      return;
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const reasons = err.CancellationReasons ?? [];
      const failed = (i: number) => reasons[i]?.Code === 'ConditionalCheckFailed';
      const entity = reasons[entityAt];
      if (entity?.Code === 'ConditionalCheckFailed') {
        const old = entity.Item ? unmarshall(entity.Item) : undefined;
        if (w.condition.kind === 'create')
          throw new StoreError('already-exists', 'an item with this id exists already');
        if (!old) throw new StoreError('not-found', 'the item does not exist');
        throw new StoreError(
          'version-conflict',
          `the item was changed since it was read: version ${String(old.version)} is current`,
          Number(old.version),
        );
      }
      const updatesAt = headAt + 1 + (w.alsoCreate?.length ?? 0);
      const deletesAt = updatesAt + (w.alsoUpdate?.length ?? 0);
      if (reasons.slice(updatesAt, deletesAt).some((r) => r.Code === 'ConditionalCheckFailed'))
        throw new StoreError(
          'version-conflict',
          'an item of this change was changed since it was read; read again and retry',
        );
      // A companion failed: a create that exists already, or a delete whose item changed hands.
      if (
        [...reasons.slice(headAt + 1, updatesAt), ...reasons.slice(deletesAt)].some(
          (r) => r.Code === 'ConditionalCheckFailed',
        )
      )
        throw new StoreError('already-exists', 'this request was already carried out');
      // The head moved or another transaction held one of our items: nothing was written, so
      // trying again with a fresh head is safe.
      const raced =
        failed(auditAt) || failed(headAt) || reasons.some((r) => r.Code === 'TransactionConflict');
      if (!raced) throw err;
      if (attempt >= chainRetry.attempts)
        throw new StoreError(
          'contention',
          `too many concurrent changes in hospital ${w.audit.hospitalId}; nothing was written, try again`,
        );
      const cap = Math.min(chainRetry.maxDelayMs, chainRetry.baseDelayMs * 2 ** attempt);
      await sleep(Math.random() * cap);
    }
  }
}
