import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { PlannedObligation } from '@weibao/domain';
import type { AuditRecord } from './audit.ts';
import type { Db } from './client.ts';
import type { Page } from './cursor.ts';
import { keys, stripKeys } from './keys.ts';
import { queryAll, queryPage } from './query-page.ts';
import { hospitalPartitionsAtMost, shardedPage, shownHospitals } from './sharded-page.ts';
import { versionedWrite, type WriteCondition } from './versioned-write.ts';
import type { Who } from './who.ts';

/** A proof file of an obligation, stored in the files bucket under its hospital's prefix. */
export interface ProofFile {
  id: string;
  /** S3 key: `<hospitalId>/contracts/<contractId>/obligations/<obligationId>/<uploadId>/<filename>`. */
  key: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  /** Requested: a presigned PUT was handed out; confirmed: the object was checked and counts as proof. */
  status: 'requested' | 'confirmed';
  requestedAt: string;
  requestedBy: Who;
  confirmedAt: string | null;
}

/**
 * The hospital side's answer to the vendor's proof of an obligation: pending until its IT center
 * confirms or objects, or until objectionUntil passes (then the proof counts, nobody having objected).
 * An objection re-opens the obligation; the next proof asks again.
 */
export interface ProofAcceptance {
  status: 'pending' | 'confirmed' | 'objected';
  submittedAt: string;
  submittedBy: Who;
  /** The last Shanghai day an objection is taken. */
  objectionUntil: string;
  decidedAt: string | null;
  decidedBy: Who | null;
  /** Why the hospital objected; null otherwise. */
  reason: string | null;
}

/** A planned obligation as stored: the plan's fields, and what happened to it since. */
export interface ObligationRecord extends Omit<PlannedObligation, 'id'> {
  id: string;
  hospitalId: string;
  contractId: string;
  /** The Shanghai day the proof was attached; null while open. */
  doneOn: string | null;
  doneAt: string | null;
  doneBy: Who | null;
  proofs: ProofFile[];
  /** The hospital side's answer to the vendor's proof; null (or absent, before it existed) when none was asked. */
  acceptance?: ProofAcceptance | null;
  /** Work records attached to it (a clean-up's record is its proof). */
  workRecordIds: string[];
  /** Keys of the reminders sent (`<day>:<point>`), so a schedule that fires twice mails once. */
  remindersSent: string[];
  /** For a quarterly evaluation: when its evaluators were asked to rate (once). */
  evaluationRequestedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

/** A planned obligation as first stored: open, nothing sent, version 1. */
export function newObligationRecord(
  p: PlannedObligation,
  of: { hospitalId: string; contractId: string },
  at: string,
): ObligationRecord {
  return {
    ...p,
    hospitalId: of.hospitalId,
    contractId: of.contractId,
    doneOn: null,
    doneAt: null,
    doneBy: null,
    proofs: [],
    workRecordIds: [],
    remindersSent: [],
    evaluationRequestedAt: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
  };
}

/** The day an obligation sorts by: its due date, or the nominal one while the calendar has a gap. */
export const sortDayOf = (o: Pick<ObligationRecord, 'dueOn' | 'nominalDueOn'>) =>
  o.dueOn ?? o.nominalDueOn;

export function obligationItem(o: ObligationRecord): Record<string, unknown> {
  const live = o.deletedAt === null;
  return {
    ...keys.obligation(o.hospitalId, o.contractId, o.id),
    ...(live ? keys.obligationByDue(o.hospitalId, o.contractId, sortDayOf(o), o.id) : {}),
    ...(live && o.doneOn === null
      ? {
          ...keys.openObligationAcrossHospitals(o.hospitalId, o.contractId, o.id, sortDayOf(o)),
          ...keys.openObligationOfHospital(o.hospitalId, o.contractId, o.id, sortDayOf(o)),
        }
      : {}),
    itemType: 'Obligation',
    ...o,
  };
}

export async function obligationById(
  db: Db,
  hospitalId: string,
  contractId: string,
  obligationId: string,
): Promise<ObligationRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.obligation(hospitalId, contractId, obligationId),
      ConsistentRead: true,
    }),
  );
  return out.Item ? stripKeys<ObligationRecord & Record<string, unknown>>(out.Item) : undefined;
}

/** A contract's obligations by due date (gsi3), removed ones left out. */
export function obligationsOfContract(
  db: Db,
  hospitalId: string,
  contractId: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<ObligationRecord>> {
  return queryPage(db, {
    index: 'gsi3',
    partition: keys.obligationsOfContractByDue(hospitalId, contractId),
    ...opts,
  });
}

/** Every obligation a contract ever had, removed ones included (re-planning reads this). */
export async function allObligationsOfContract(
  db: Db,
  hospitalId: string,
  contractId: string,
): Promise<ObligationRecord[]> {
  const { pk, skPrefix } = keys.obligationsOfContract(hospitalId, contractId);
  return queryAll<ObligationRecord>(db, {
    partition: { pk },
    sort: { prefix: skPrefix },
    limit: 100,
  });
}

/** Open obligations of every hospital due on or before a day (overdue ones first), for the vendor. */
export async function openObligationsDueBy(
  db: Db,
  dueOnOrBefore: string,
  opts: {
    limit?: number;
    cursor?: string;
    hospitals?: readonly string[] | null;
    /** The removed hospitals, read once by a caller that reads every page (the digest). */
    removed?: ReadonlySet<string>;
  } = {},
): Promise<Page<ObligationRecord>> {
  const { hospitals: limitedTo, removed, ...page } = opts;
  const { hospitals, visible } = await shownHospitals(db, limitedTo, removed);
  const upTo = { upTo: `${dueOnOrBefore}#\uffff` };
  if (hospitals && hospitals.length <= hospitalPartitionsAtMost) {
    // The engineer's hospitals' own open obligations (gsi4), merged in the same order.
    return shardedPage<ObligationRecord>(db, {
      index: 'gsi4',
      shards: [...new Set(hospitals)].sort(),
      partitionOf: (h) => keys.hospitalOpenObligationsPartition(String(h)),
      sort: upTo,
      keyOf: (o) => ({
        ...keys.obligation(o.hospitalId, o.contractId, o.id),
        ...keys.openObligationOfHospital(o.hospitalId, o.contractId, o.id, sortDayOf(o)),
      }),
      sortKeyOf: (o) =>
        keys.openObligationOfHospital(o.hospitalId, o.contractId, o.id, sortDayOf(o)).gsi4sk,
      name: 'hospitalObligations',
      ...(page.limit !== undefined ? { limit: page.limit } : {}),
      cursor: page.cursor,
    });
  }
  return queryPage(db, {
    index: 'gsi1',
    partition: keys.openObligationsPartition(),
    sort: upTo,
    ...page,
    ...(visible ? { visible } : {}),
  });
}

export async function saveObligation(
  db: Db,
  o: ObligationRecord,
  condition: WriteCondition,
  audit: AuditRecord,
  alsoCreate?: Record<string, unknown>[],
): Promise<void> {
  await versionedWrite(db, {
    item: obligationItem(o),
    condition,
    audit,
    ...(alsoCreate ? { alsoCreate } : {}),
  });
}

/** A transaction holds at most 100 items: the entity, its audit record and the head leave 97. */
export const obligationsPerTransaction = 90;

/**
 * Creates new obligations of one contract in one transaction with one audit record (a plan of a
 * year is some 40 items; one record per item would be 40 chain links for one act). Fails with
 * `already-exists` when any of them exists.
 */
export async function createObligations(
  db: Db,
  list: ObligationRecord[],
  audit: AuditRecord,
): Promise<void> {
  const [first, ...rest] = list;
  if (!first) return;
  if (list.length > obligationsPerTransaction)
    throw new RangeError(`at most ${obligationsPerTransaction} obligations per transaction`);
  await versionedWrite(db, {
    item: obligationItem(first),
    condition: { kind: 'create' },
    audit,
    alsoCreate: rest.map(obligationItem),
  });
}

/**
 * Replaces several obligations of one contract in one transaction with one audit record, each
 * conditioned on the version it was read at (re-planning after a date change). Fails with
 * `version-conflict` when any of them changed meanwhile; nothing is written then.
 */
export async function updateObligations(
  db: Db,
  list: { after: ObligationRecord; expectedVersion: number }[],
  audit: AuditRecord,
): Promise<void> {
  const [first, ...rest] = list;
  if (!first) return;
  if (list.length > obligationsPerTransaction)
    throw new RangeError(`at most ${obligationsPerTransaction} obligations per transaction`);
  await versionedWrite(db, {
    item: obligationItem(first.after),
    condition: { kind: 'update', expectedVersion: first.expectedVersion },
    audit,
    alsoUpdate: rest.map((u) => ({
      item: obligationItem(u.after),
      expectedVersion: u.expectedVersion,
    })),
  });
}

/** Marks a service manager's digest of a day as sent; false when it was already. */
export async function claimDigest(
  db: Db,
  day: string,
  recipient: string,
  nowMs: number,
): Promise<boolean> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: {
          ...keys.digestSent(day, recipient),
          itemType: 'DigestSent',
          expiresAt: Math.floor(nowMs / 1000) + 7 * 86_400,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

/** Takes the mark back when the digest could not be sent, so the retry sends it. */
export async function releaseDigest(db: Db, day: string, recipient: string): Promise<void> {
  await db.doc.send(
    new DeleteCommand({ TableName: db.tableName, Key: keys.digestSent(day, recipient) }),
  );
}
