import { setTimeout as sleep } from 'node:timers/promises';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AuditRecord } from './audit.ts';
import { chainAuditRecord, genesisHash, type LaneHead } from './audit-chain.ts';
import { keys } from './keys.ts';
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
 * A transaction that lost a race without a domain reason (DynamoDB's TransactionConflict while
 * another transaction held one of its items) is tried again after a random pause that doubles each
 * time (full jitter), at most `attempts` times in all. Changes of different items no longer share
 * an item (the audit lane is the changed item's own), so this is for the rare collision on a
 * companion, e.g. two creates racing for one idempotency key.
 */
export const chainRetry = { attempts: 10, baseDelayMs: 15, maxDelayMs: 400 };

// Positions in the transaction; companions (alsoCreate) follow.
const entityAt = 0;
const auditAt = 1;

type Key = { pk: string; sk: string };
const keyOf = (item: Record<string, unknown>): Key => ({
  pk: String(item.pk),
  sk: String(item.sk),
});

/** The lane head and version an item holds now (seq 0 when it has no audited change yet). */
async function readLaneHead(db: Db, key: Key): Promise<{ head: LaneHead; version: number | null }> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: key,
      ProjectionExpression: 'auditSeq, auditHash, version',
      ConsistentRead: true,
    }),
  );
  const item = out.Item;
  return {
    head:
      item?.auditSeq === undefined
        ? { seq: 0, hash: genesisHash }
        : { seq: Number(item.auditSeq), hash: String(item.auditHash) },
    version: item ? Number(item.version) : null,
  };
}

/** The condition that the item's lane head is still the one read. */
function laneCondition(
  head: LaneHead,
  name: string,
): { expr: string; values: Record<string, unknown> } {
  return head.seq === 0
    ? { expr: 'attribute_not_exists(auditSeq)', values: {} }
    : { expr: `auditSeq = ${name}`, values: { [name]: head.seq } };
}

/**
 * Writes an entity, its audit record (the next link of the entity's own audit lane, whose head the
 * entity carries) and any companions in one transaction. A create fails with `already-exists` when
 * the key is taken; an update with `version-conflict` (and the stored version) when the item
 * changed since it was read, or `not-found` when it is gone.
 */
export async function versionedWrite(db: Db, w: VersionedWrite): Promise<void> {
  const key = keyOf(w.item);
  if (key.pk !== keys.hospital(w.audit.hospitalId).pk)
    throw new Error(
      `an audited item of hospital ${w.audit.hospitalId} must live in its partition, not in ${key.pk}`,
    );
  for (let attempt = 1; ; attempt++) {
    let head: LaneHead = { seq: 0, hash: genesisHash };
    if (w.condition.kind === 'update') {
      const now = await readLaneHead(db, key);
      if (now.version === null) throw new StoreError('not-found', 'the item does not exist');
      if (now.version !== w.condition.expectedVersion)
        throw new StoreError(
          'version-conflict',
          `the item was changed since it was read: version ${now.version} is current`,
          now.version,
        );
      head = now.head;
    }
    // Companions replaced whole keep their own lane head: they are changed here, not audited here.
    const companions = await Promise.all(
      (w.alsoUpdate ?? []).map(async (u) => ({
        ...u,
        lane: (await readLaneHead(db, keyOf(u.item))).head,
      })),
    );
    const chained = chainAuditRecord(w.audit, key.sk, head);
    const lane = laneCondition(head, ':laneSeq');
    const entityPut =
      w.condition.kind === 'create'
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: `attribute_exists(pk) AND version = :expected AND ${lane.expr}`,
            ExpressionAttributeValues: { ':expected': w.condition.expectedVersion, ...lane.values },
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
                Item: { ...w.item, auditSeq: chained.head.seq, auditHash: chained.head.hash },
                ...entityPut,
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            mustNotExist(chained.item),
            ...(w.alsoCreate ?? []).map(mustNotExist),
            ...companions.map((u) => {
              const c = laneCondition(u.lane, ':laneSeq');
              return {
                Put: {
                  TableName: db.tableName,
                  Item:
                    u.lane.seq === 0
                      ? u.item
                      : { ...u.item, auditSeq: u.lane.seq, auditHash: u.lane.hash },
                  ConditionExpression: `attribute_exists(pk) AND version = :expected AND ${c.expr}`,
                  ExpressionAttributeValues: { ':expected': u.expectedVersion, ...c.values },
                },
              };
            }),
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
      let raced = reasons.some((r) => r.Code === 'TransactionConflict');
      if (entity?.Code === 'ConditionalCheckFailed') {
        const old = entity.Item ? unmarshall(entity.Item) : undefined;
        if (w.condition.kind === 'create')
          throw new StoreError('already-exists', 'an item with this id exists already');
        if (!old) throw new StoreError('not-found', 'the item does not exist');
        if (Number(old.version) !== w.condition.expectedVersion)
          throw new StoreError(
            'version-conflict',
            `the item was changed since it was read: version ${String(old.version)} is current`,
            Number(old.version),
          );
        // Same version, other lane head: read again.
        raced = true;
      }
      const updatesAt = auditAt + 1 + (w.alsoCreate?.length ?? 0);
      const deletesAt = updatesAt + (w.alsoUpdate?.length ?? 0);
      if (reasons.slice(updatesAt, deletesAt).some((r) => r.Code === 'ConditionalCheckFailed'))
        throw new StoreError(
          'version-conflict',
          'an item of this change was changed since it was read; read again and retry',
        );
      // A companion failed: a create that exists already, or a delete whose item changed hands.
      if (
        [...reasons.slice(auditAt + 1, updatesAt), ...reasons.slice(deletesAt)].some(
          (r) => r.Code === 'ConditionalCheckFailed',
        )
      )
        throw new StoreError('already-exists', 'this request was already carried out');
      // The lane's record exists already: the item's lane moved meanwhile; nothing was written.
      if (failed(auditAt)) raced = true;
      if (!raced) throw err;
      if (attempt >= chainRetry.attempts)
        throw new StoreError(
          'contention',
          `too many concurrent changes of ${key.sk} in hospital ${w.audit.hospitalId}; nothing was written, try again`,
        );
      const cap = Math.min(chainRetry.maxDelayMs, chainRetry.baseDelayMs * 2 ** attempt);
      await sleep(Math.random() * cap);
    }
  }
}
