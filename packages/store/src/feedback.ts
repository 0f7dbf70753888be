import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SubsystemRating } from '@weibao/domain';
import type { AuditRecord } from './audit.ts';
import type { Db } from './client.ts';
import { quarterPeriodKey } from './deliverables.ts';
import { keys, stripKeys } from './keys.ts';
import { queryAll } from './query-page.ts';
import { versionedWrite, type WriteCondition } from './versioned-write.ts';
import type { Who } from './who.ts';

/** A department asked in a survey round, with the signed link only it answers through. */
export interface FeedbackDepartment {
  /** Short id of the department within its round (the answer's key, the link's object). */
  id: string;
  /** 科室 as people call it: 心内科一病区. */
  name: string;
  /** Where its reminder goes; null when the directory has no address. */
  email: string | null;
  /** The signed link's token; every answer must bring exactly this one. */
  token: string;
  /** When a reminder was last mailed to it. */
  remindedAt: string | null;
}

/** 用户意见收集 of one contract quarter: who was asked, until when, and whether it still takes answers. */
export interface FeedbackRoundRecord {
  hospitalId: string;
  contractId: string;
  /** 1-based contract quarter (服务期每三个月). */
  quarter: number;
  departments: FeedbackDepartment[];
  /** When the links stop working (not `expiresAt`: that name is the table's TTL). */
  validUntil: string;
  closedAt: string | null;
  closedBy: Who | null;
  createdBy: Who;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One department's answer: who answered, and a score (and remark) per subsystem. */
export interface FeedbackAnswerRecord {
  hospitalId: string;
  contractId: string;
  quarter: number;
  departmentId: string;
  department: string;
  name: string;
  role: string;
  ratings: SubsystemRating[];
  answeredAt: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export async function feedbackRoundOf(
  db: Db,
  hospitalId: string,
  contractId: string,
  quarter: number,
): Promise<FeedbackRoundRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.feedbackRound(hospitalId, contractId, quarterPeriodKey(quarter)),
      ConsistentRead: true,
    }),
  );
  return out.Item ? stripKeys<FeedbackRoundRecord & Record<string, unknown>>(out.Item) : undefined;
}

/** Every round of a contract, in quarter order. */
export async function feedbackRoundsOfContract(
  db: Db,
  hospitalId: string,
  contractId: string,
): Promise<FeedbackRoundRecord[]> {
  const { pk, skPrefix } = keys.feedbackRoundsOfContract(hospitalId, contractId);
  return queryAll<FeedbackRoundRecord>(db, { partition: { pk }, sort: { prefix: skPrefix } });
}

/** The answers of one round, by department. */
export async function feedbackAnswersOf(
  db: Db,
  hospitalId: string,
  contractId: string,
  quarter: number,
): Promise<FeedbackAnswerRecord[]> {
  const { pk, skPrefix } = keys.feedbackAnswersOfRound(
    hospitalId,
    contractId,
    quarterPeriodKey(quarter),
  );
  return queryAll<FeedbackAnswerRecord>(db, { partition: { pk }, sort: { prefix: skPrefix } });
}

export async function feedbackAnswerOf(
  db: Db,
  hospitalId: string,
  contractId: string,
  quarter: number,
  departmentId: string,
): Promise<FeedbackAnswerRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.feedbackAnswer(hospitalId, contractId, quarterPeriodKey(quarter), departmentId),
      ConsistentRead: true,
    }),
  );
  return out.Item ? stripKeys<FeedbackAnswerRecord & Record<string, unknown>>(out.Item) : undefined;
}

/** Saved with its audit record, version-checked (create: the quarter has no round yet). */
export async function saveFeedbackRound(
  db: Db,
  r: FeedbackRoundRecord,
  condition: WriteCondition,
  audit: AuditRecord,
  alsoCreate?: Record<string, unknown>[],
): Promise<void> {
  await versionedWrite(db, {
    item: {
      ...keys.feedbackRound(r.hospitalId, r.contractId, quarterPeriodKey(r.quarter)),
      itemType: 'FeedbackRound',
      ...r,
    },
    condition,
    audit,
    ...(alsoCreate?.length ? { alsoCreate } : {}),
  });
}

/**
 * A department's answer, created once: a second answer of the same department finds its key
 * taken (`already-exists`), and the link's use record goes into the same transaction.
 */
export async function createFeedbackAnswer(
  db: Db,
  a: FeedbackAnswerRecord,
  audit: AuditRecord,
  alsoCreate: Record<string, unknown>[],
): Promise<void> {
  await versionedWrite(db, {
    item: {
      ...keys.feedbackAnswer(
        a.hospitalId,
        a.contractId,
        quarterPeriodKey(a.quarter),
        a.departmentId,
      ),
      itemType: 'FeedbackAnswer',
      ...a,
    },
    condition: { kind: 'create' },
    audit,
    alsoCreate,
  });
}
