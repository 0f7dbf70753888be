import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { auditItem, type AuditRecord } from './audit.ts';
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
}

/**
 * Writes an entity, its audit record and any companions in one transaction. A create fails with
 * `already-exists` when the key is taken; an update with `version-conflict` (and the stored
 * version) when the item changed since it was read, or `not-found` when it is gone.
 */
export async function versionedWrite(db: Db, w: VersionedWrite): Promise<void> {
  const entityPut =
    w.condition.kind === 'create'
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : {
          ConditionExpression: 'attribute_exists(pk) AND version = :expected',
          ExpressionAttributeValues: { ':expected': w.condition.expectedVersion },
        };
  const creates = [auditItem(w.audit), ...(w.alsoCreate ?? [])];
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
          ...creates.map((Item) => ({
            Put: {
              TableName: db.tableName,
              Item,
              ConditionExpression: 'attribute_not_exists(pk)',
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
            },
          })),
        ],
      }),
    );
  } catch (err) {
    if (!(err instanceof TransactionCanceledException)) throw err;
    const reasons = err.CancellationReasons ?? [];
    const first = reasons[0];
    if (first?.Code === 'ConditionalCheckFailed') {
      const old = first.Item ? unmarshall(first.Item) : undefined;
      if (w.condition.kind === 'create')
        throw new StoreError('already-exists', 'an item with this id exists already');
      if (!old) throw new StoreError('not-found', 'the item does not exist');
      throw new StoreError(
        'version-conflict',
        `the item was changed since it was read: version ${String(old.version)} is current`,
        Number(old.version),
      );
    }
    const companion = reasons.slice(2).findIndex((r) => r.Code === 'ConditionalCheckFailed');
    if (companion >= 0)
      throw new StoreError('already-exists', 'this request was already carried out');
    throw err;
  }
}
