import {
  ratingNamesZh,
  type ContractTerms,
  type EvaluationRating,
  type FigureTickets,
  type ReportFigures,
} from '@weibao/domain';
import {
  ticketById,
  type EvaluationDispute,
  type EvaluationPart,
  type EvaluationRecord,
  type EvaluationSignature,
  type LedgerEntryRecord,
} from '@weibao/store';
import { requireHospital } from '../hospitals/hospital-use-cases.ts';
import type { Deps } from '../ports.ts';
import { contentSha256 } from './evaluation-content.ts';
import { contractEntries, requireContract, requireEvaluation } from './evaluation-use-cases.ts';

/**
 * Everything one 维保服务评价报告 shows, as plain data: what the documents package renders to DOCX.
 * Amounts are fen, times UTC ISO; the renderer formats them (Asia/Shanghai, yuan).
 */
export interface EvaluationReportRecord {
  hospital: { id: string; name: string; code: string; campuses: string[] };
  contract: {
    id: string;
    name: string;
    coveredSystem: string;
    totalFen: number;
    signedOn: string;
    term: { startsOn: string; endsOn: string };
    subsystems: { id: string; name: string; amountFen: number }[];
    evaluators: ContractTerms['evaluators'] | null;
  };
  evaluationId: string;
  /** quarter: `index` is the contract quarter (1-based); annual: the whole term, index 0. */
  period: EvaluationRecord['period'];
  status: EvaluationRecord['status'];
  version: number;
  figures: ReportFigures;
  /** The tickets behind each count, with their human numbers and titles. */
  tickets: FigureTickets;
  ticketDetails: {
    id: string;
    number: string;
    title: string;
    severity: string;
    reportedAt: string;
  }[];
  /** The ledger entries the figures were made from (as booked; their disputes are on each). */
  entries: LedgerEntryRecord[];
  serviceLevel: EvaluationPart | null;
  serviceQuality: EvaluationPart | null;
  rating: EvaluationRating | null;
  /** The ratings in the report's words (优秀 / 良好 / 合格 / 不合格), null while a part is missing. */
  ratingNamesZh: {
    serviceLevel: string | null;
    serviceQuality: string | null;
    overall: string | null;
  };
  signatures: EvaluationSignature[];
  disputes: EvaluationDispute[];
  /** SHA-256 of the content as it stands; equals each signature's hash while nothing changed. */
  contentSha256: string;
}

export function loadEvaluationReport(deps: Deps) {
  return async (
    hospitalId: string,
    contractId: string,
    /** q1… or annual. */
    quarter: string,
  ): Promise<EvaluationReportRecord> => {
    const [hospital, contract, evaluation] = await Promise.all([
      requireHospital(deps, hospitalId),
      requireContract(deps, hospitalId, contractId),
      requireEvaluation(deps, hospitalId, contractId, quarter),
    ]);
    const ids = new Set(evaluation.figures.entryIds);
    const entries = (await contractEntries(deps, hospitalId, contractId)).filter((e) =>
      ids.has(e.id),
    );
    const ticketIds = [
      ...new Set([
        ...evaluation.tickets.lateResponses,
        ...Object.values(evaluation.tickets.vendorFaultsWithoutNotice).flat(),
      ]),
    ];
    const tickets = await Promise.all(ticketIds.map((id) => ticketById(deps.db, hospitalId, id)));
    const t = contract.terms;
    const r = evaluation.rating;
    return {
      hospital: {
        id: hospital.id,
        name: hospital.name,
        code: hospital.code,
        campuses: hospital.campuses,
      },
      contract: {
        id: contract.id,
        name: t.name,
        coveredSystem: t.coveredSystem,
        totalFen: t.totalFen,
        signedOn: t.signedOn,
        term: t.term,
        subsystems: t.subsystems,
        evaluators: t.evaluators ?? null,
      },
      evaluationId: evaluation.id,
      period: evaluation.period,
      status: evaluation.status,
      version: evaluation.version,
      figures: evaluation.figures,
      tickets: evaluation.tickets,
      ticketDetails: tickets.flatMap((k) =>
        k
          ? [
              {
                id: k.id,
                number: k.number,
                title: k.title,
                severity: k.severity,
                reportedAt: k.reportedAt,
              },
            ]
          : [],
      ),
      entries,
      serviceLevel: evaluation.serviceLevel,
      serviceQuality: evaluation.serviceQuality,
      rating: r,
      ratingNamesZh: {
        serviceLevel: r ? ratingNamesZh[r.serviceLevel.rating] : null,
        serviceQuality: r ? ratingNamesZh[r.serviceQuality.rating] : null,
        overall: r ? ratingNamesZh[r.overall] : null,
      },
      signatures: evaluation.signatures,
      disputes: evaluation.disputes,
      contentSha256: contentSha256(evaluation),
    };
  };
}
