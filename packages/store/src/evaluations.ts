import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { EvaluationRating, FigureTickets, ReportFigures } from '@weibao/domain';
import type { AuditRecord } from './audit.ts';
import type { Db } from './client.ts';
import { keys, stripKeys } from './keys.ts';
import { queryAll } from './query-page.ts';
import { versionedWrite, type WriteCondition } from './versioned-write.ts';

export interface Signer {
  sub: string;
  email: string | null;
  role: string;
  /** The person's name when their sign-in carried one. */
  name?: string;
}

/** One section as its evaluator entered it (使用科室 or 信息中心), in the app or by signed link. */
export interface EvaluationPart {
  spotChecks: { sampled: number; passed: number };
  /** 因服务问题导致的不良事件 */
  adverseEvents: number;
  note: string | null;
  enteredAt: string;
  enteredBy: Signer;
  via: 'app' | 'link';
}

/** 监理 / 审计 signature: who, when, and the SHA-256 of the canonical JSON of what they signed. */
export interface EvaluationSignature extends Signer {
  role: 'supervisor' | 'auditor';
  signedAt: string;
  /** The version of the evaluation that was signed. */
  version: number;
  contentSha256: string;
}

/** A count of the report disputed with evidence; decided by the other party, never removed. */
export interface EvaluationDispute {
  id: string;
  subject: 'late-responses' | 'vendor-faults' | 'service-level' | 'service-quality';
  raisedAt: string;
  raisedBy: Signer;
  reason: string;
  evidence: string;
  outcome: { decidedAt: string; decidedBy: Signer; upheld: boolean; note: string } | null;
}

/** A 维保服务评价报告 of one quarter (or the whole term) of a contract. */
export interface EvaluationRecord {
  /** q1, q2, … or annual. */
  id: string;
  hospitalId: string;
  contractId: string;
  period: { kind: 'quarter' | 'annual'; index: number; startsOn: string; endsOn: string };
  /** Filled from the ledger; refreshed until the first signature, then frozen. */
  figures: ReportFigures;
  tickets: FigureTickets;
  serviceLevel: EvaluationPart | null;
  serviceQuality: EvaluationPart | null;
  /** By the domain, once both parts are in. */
  rating: EvaluationRating | null;
  signatures: EvaluationSignature[];
  disputes: EvaluationDispute[];
  /** draft: parts missing; rated: both parts in; signed: supervisor and auditor signed. */
  status: 'draft' | 'rated' | 'signed';
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The sort-key part of an evaluation id: q2 → Q02, annual → YEAR (so quarters sort in order). */
export function evaluationPeriodKey(evaluationId: string): string {
  if (evaluationId === 'annual') return 'YEAR';
  const n = Number(evaluationId.slice(1));
  return `Q${String(n).padStart(2, '0')}`;
}

export async function evaluationById(
  db: Db,
  hospitalId: string,
  contractId: string,
  evaluationId: string,
): Promise<EvaluationRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.evaluation(hospitalId, contractId, evaluationPeriodKey(evaluationId)),
    }),
  );
  return out.Item ? stripKeys<EvaluationRecord & Record<string, unknown>>(out.Item) : undefined;
}

/** Every evaluation of a contract: quarters in order, then the annual one (at most ~41 items). */
export async function evaluationsOfContract(
  db: Db,
  hospitalId: string,
  contractId: string,
): Promise<EvaluationRecord[]> {
  const { pk, skPrefix } = keys.evaluationsOfContract(hospitalId, contractId);
  return queryAll<EvaluationRecord>(db, {
    partition: { pk },
    sort: { prefix: skPrefix },
    limit: 100,
  });
}

export async function saveEvaluation(
  db: Db,
  e: EvaluationRecord,
  condition: WriteCondition,
  audit: AuditRecord,
  /** Items that must not exist yet, in the same transaction (a used-link record). */
  alsoCreate?: Record<string, unknown>[],
): Promise<void> {
  await versionedWrite(db, {
    item: {
      ...keys.evaluation(e.hospitalId, e.contractId, evaluationPeriodKey(e.id)),
      itemType: 'Evaluation',
      ...e,
    },
    condition,
    audit,
    ...(alsoCreate ? { alsoCreate } : {}),
  });
}
