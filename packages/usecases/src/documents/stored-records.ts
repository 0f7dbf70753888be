import { createHash } from 'node:crypto';
import {
  canonicalJson,
  shanghaiDateOf,
  sectionRating,
  type DeliverableItemId,
  type ServicePeriod,
} from '@weibao/domain';
import {
  contractById,
  deliverablesOfQuarter,
  evaluationById,
  feedbackAnswersOf,
  feedbackRoundOf,
  inspectionsOfContract,
  quarterAnalysisById,
  ticketById,
  type Db,
  type InspectionRecord as StoredInspection,
  type EvaluationPart,
  type EvaluationRecord as StoredEvaluation,
  type EvaluationSignature,
} from '@weibao/store';
import type {
  DeliverablesRecord,
  DocumentSources,
  EvaluationRecord,
  InspectionRecord,
} from './contract-documents.ts';
import type { DeliverableKind } from './deliverables-list.ts';
import type { FeedbackRecord } from './feedback-report.ts';
import { feedbackFigures } from '../feedback/feedback-rounds.ts';
import { activePersonByEmail } from '../people/directory.ts';
import type { EvaluationEntry, EvaluationParty } from './evaluation-report.ts';

/** The domain's deliverable ids, in the list's words. */
const documentKind: Record<DeliverableItemId, DeliverableKind> = {
  'inspection-report': 'inspection-report',
  'evaluation-report': 'evaluation-report',
  'meeting-minutes': 'meeting-minutes',
  'change-request-list': 'change-requests',
  'training-records': 'training-records',
  'tuning-records': 'tuning-records',
};

const signerParty: Record<EvaluationSignature['role'], EvaluationParty> = {
  supervisor: 'supervisor',
  auditor: 'auditor',
};

async function evaluationRecord(
  db: Db,
  hospitalId: string,
  contractId: string,
  period: ServicePeriod,
): Promise<EvaluationRecord | null> {
  const stored = await evaluationById(db, hospitalId, contractId, `q${period.index}`);
  if (!stored) return null;
  const contract = await contractById(db, hospitalId, contractId);
  // A section entered before the other has no combined rating yet; rate it alone, as the app does.
  const entry = (
    part: EvaluationPart | null,
    rated: keyof NonNullable<StoredEvaluation['rating']>,
  ): EvaluationEntry | null => {
    if (!part || !contract) return null;
    const rating =
      stored.rating && rated !== 'overall'
        ? stored.rating[rated]
        : sectionRating(part, contract.terms.evaluation);
    return {
      spotChecks: part.spotChecks,
      adverseEvents: part.adverseEvents,
      rating,
      other: part.note,
    };
  };
  // People by name: as their sign-in named them, else as the directory has them (a signed link's
  // evaluator), else the address alone.
  const names = new Map<string, string | null>();
  for (const who of [
    stored.serviceLevel?.enteredBy,
    stored.serviceQuality?.enteredBy,
    ...stored.signatures,
  ])
    if (who?.email && !who.name && !names.has(who.email))
      names.set(
        who.email,
        (await activePersonByEmail({ db }, [hospitalId, null], who.email))?.name ?? null,
      );
  const nameOf = (who: { email: string | null; name?: string | undefined }) =>
    who.name ?? (who.email ? (names.get(who.email) ?? null) : null);
  const entered = (part: EvaluationPart | null, party: EvaluationParty) =>
    part
      ? [
          {
            party,
            name: nameOf(part.enteredBy),
            email: part.enteredBy.email,
            signedAt: part.enteredAt,
            // What this evaluator entered, so a printed copy can be checked against the record.
            hash: createHash('sha256').update(canonicalJson(part)).digest('hex'),
          },
        ]
      : [];
  return {
    entries: {
      department: entry(stored.serviceLevel, 'serviceLevel'),
      itCenter: entry(stored.serviceQuality, 'serviceQuality'),
    },
    overall: stored.rating?.overall ?? null,
    signatures: [
      ...entered(stored.serviceLevel, 'department'),
      ...entered(stored.serviceQuality, 'it-center'),
      ...stored.signatures.map((s) => ({
        party: signerParty[s.role],
        name: nameOf(s),
        email: s.email,
        signedAt: s.signedAt,
        hash: s.contentSha256,
      })),
    ],
  };
}

async function deliverablesRecord(
  db: Db,
  hospitalId: string,
  contractId: string,
  period: ServicePeriod,
): Promise<DeliverablesRecord | null> {
  const stored = await deliverablesOfQuarter(db, hospitalId, contractId, period.index);
  if (!stored) return null;
  const items = Object.entries(stored.items).flatMap(([id, entry]) =>
    entry
      ? [
          {
            kind: documentKind[id as DeliverableItemId],
            status: entry.state,
            files: entry.state === 'none' ? [] : [entry.fileName],
            reason: entry.state === 'none' ? entry.reason : null,
          },
        ]
      : [],
  );
  return { items, signatures: [] };
}

async function feedbackRecord(
  db: Db,
  hospitalId: string,
  contractId: string,
  period: ServicePeriod,
): Promise<FeedbackRecord | null> {
  const round = await feedbackRoundOf(db, hospitalId, contractId, period.index);
  const contract = await contractById(db, hospitalId, contractId);
  if (!round || !contract) return null;
  const answers = await feedbackAnswersOf(db, hospitalId, contractId, period.index);
  const byDepartment = new Map(answers.map((a) => [a.departmentId, a]));
  const figures = feedbackFigures(contract, round, answers);
  return {
    departments: round.departments.map((d) => {
      const a = byDepartment.get(d.id);
      return { name: d.name, respondent: a ? `${a.name}（${a.role}）` : null };
    }),
    subsystems: figures.subsystems,
    overall: figures.overall,
    comments: figures.comments,
  };
}

const severityZh = { fatal: '致命', serious: '严重', minor: '一般' } as const;

/** The quarter's visit to print: the signed one, else the one furthest along; the latest of those. */
function visitToPrint(visits: StoredInspection[]): StoredInspection | undefined {
  const rank = { signed: 2, 'awaiting-signatures': 1, draft: 0 } as const;
  return [...visits].sort((a, b) => rank[b.state] - rank[a.state] || b.id.localeCompare(a.id))[0];
}

async function inspectionRecord(
  db: Db,
  hospitalId: string,
  contractId: string,
  period: ServicePeriod,
): Promise<InspectionRecord | null> {
  const visits: StoredInspection[] = [];
  let cursor: string | undefined;
  do {
    const page = await inspectionsOfContract(db, hospitalId, contractId, {
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    visits.push(...page.items.filter((v) => v.quarter === period.index));
    cursor = page.next ?? undefined;
  } while (cursor);
  const r = visitToPrint(visits);
  if (!r) return null;
  const findings: string[] = [];
  for (const [n, f] of r.findings.entries()) {
    const ticket = f.ticketId ? await ticketById(db, hospitalId, f.ticketId) : undefined;
    const photos = f.photoKeys.length > 0 ? `；照片 ${f.photoKeys.length} 张` : '';
    findings.push(
      `${n + 1}. ${f.text}（${severityZh[f.severity]}${photos}${ticket ? `；已开工单 ${ticket.number}` : ''}）`,
    );
  }
  const engineer = r.engineer.name ?? r.engineer.email;
  return {
    visit: {
      date: r.arrivedAt ? shanghaiDateOf(Date.parse(r.arrivedAt)) : null,
      place: r.place,
      engineer,
      arrivedAt: r.arrivedAt,
      leftAt: r.leftAt,
    },
    checks: r.items.map((i) => ({
      area: i.area,
      item: i.item,
      result: i.result,
      note: i.remark,
    })),
    findings: findings.length > 0 ? findings.join('\n') : '未发现问题',
    signatures: [
      // The engineer signs by submitting the record: what was submitted is what the hash names.
      ...(r.submittedAt && r.contentSha256
        ? [
            {
              party: 'vendor' as const,
              name: engineer,
              email: null,
              signedAt: r.submittedAt,
              hash: r.contentSha256,
            },
          ]
        : []),
      ...r.signatures.map((s) => ({
        party: s.signer,
        name: s.witness ? `${s.name}（现场签字）` : s.name,
        email: s.email,
        signedAt: s.signedAt,
        hash: s.contentSha256,
      })),
    ],
  };
}

/**
 * The documents filled from what is stored: evaluation entries and signatures, the quarter's
 * inspection visit (its results, findings and signatures), the quarter's deliverables, the
 * vendor's written part of the quarter's analysis.
 */
export function storedDocumentSources(vendorName: string | null = null): DocumentSources {
  return {
    evaluationRecord,
    inspectionRecord,
    deliverablesRecord,
    analysisRecord: async (db, hospitalId, contractId, period) => {
      const r = await quarterAnalysisById(db, hospitalId, contractId, period.index);
      return r ? { conclusion: r.conclusion, recommendations: r.recommendations } : null;
    },
    feedbackRecord,
    vendorName,
  };
}
