import { reportFigures, type ServicePeriod } from '@weibao/domain';
import type { Db, LedgerEntryRecord } from '@weibao/store';
import type { Deps } from '../ports.ts';
import { entryStands } from '../ledger/ledger-use-cases.ts';
import { loadContractQuarter, type ContractQuarterRecord } from './contract-quarter-record.ts';
import { approvedRequests, renderChangeRequestList } from './change-request-list.ts';
import { quarterAnalysisFigures, renderQuarterAnalysis } from './quarter-analysis.ts';
import { renderFeedbackReport, type FeedbackRecord } from './feedback-report.ts';
import {
  renderDeductionStatement,
  type DeductionStatementData,
  type DisputeState,
} from './deduction-statement.ts';
import {
  renderDeliverablesList,
  type DeliverableItem,
  type DeliverablesListData,
} from './deliverables-list.ts';
import {
  renderEvaluationReport,
  type EvaluationReportData,
  type ReportPeriod,
} from './evaluation-report.ts';
import {
  defaultInspectionChecks,
  renderInspectionSheet,
  type InspectionSheetData,
} from './inspection-sheet.ts';

export const documentKinds = [
  'evaluation',
  'inspection',
  'deliverables',
  'deductions',
  'change-requests',
  'analysis',
  'feedback',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const docxContentType =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** What was recorded for a quarter's evaluation, or null while nothing is. */
export type EvaluationRecord = Pick<EvaluationReportData, 'entries' | 'overall' | 'signatures'>;
export type InspectionRecord = Pick<
  InspectionSheetData,
  'visit' | 'checks' | 'findings' | 'signatures'
>;
export type DeliverablesRecord = Pick<DeliverablesListData, 'items' | 'signatures'>;
export type AnalysisRecord = { conclusion: string; recommendations: string };

/**
 * Where the records of other parts come from (`storedDocumentSources` reads the stores); a part
 * without a record prints blank for pen and seal.
 */
export interface DocumentSources {
  evaluationRecord(
    db: Db,
    hospitalId: string,
    contractId: string,
    period: ServicePeriod,
  ): Promise<EvaluationRecord | null>;
  inspectionRecord(
    db: Db,
    hospitalId: string,
    contractId: string,
    period: ServicePeriod,
  ): Promise<InspectionRecord | null>;
  deliverablesRecord(
    db: Db,
    hospitalId: string,
    contractId: string,
    period: ServicePeriod,
  ): Promise<DeliverablesRecord | null>;
  /** The vendor's 分析结论 and 系统优化扩展方案 of the quarter; null prints blanks to write in. */
  analysisRecord(
    db: Db,
    hospitalId: string,
    contractId: string,
    period: ServicePeriod,
  ): Promise<AnalysisRecord | null>;
  /** The quarter's 用户意见收集 survey; null while none was opened. */
  feedbackRecord(
    db: Db,
    hospitalId: string,
    contractId: string,
    period: ServicePeriod,
  ): Promise<FeedbackRecord | null>;
  /** 服务提供方 as printed; null leaves a blank line. */
  vendorName: string | null;
}

export const noRecordsYet: DocumentSources = {
  evaluationRecord: async () => null,
  inspectionRecord: async () => null,
  deliverablesRecord: async () => null,
  analysisRecord: async () => null,
  feedbackRecord: async () => null,
  vendorName: null,
};

const quarterOf = (p: ServicePeriod): ReportPeriod => ({
  kind: 'quarter',
  quarter: p.index,
  startsOn: p.startsOn,
  endsOn: p.endsOn,
});

const contractHeader = (r: ContractQuarterRecord) => ({
  id: r.contract.id,
  title: r.contract.terms.name,
  number: r.contract.terms.number ?? null,
  totalFen: r.contract.terms.totalFen,
});

/** The report counts what stands: a deduction whose dispute was upheld is not counted. */
export function evaluationReportData(
  r: ContractQuarterRecord,
  record: EvaluationRecord | null,
  vendorName: string | null,
): EvaluationReportData {
  return {
    hospital: { id: r.hospital.id, name: r.hospital.name },
    contract: contractHeader(r),
    vendor: vendorName ? { name: vendorName } : null,
    period: quarterOf(r.period),
    figures: reportFigures(r.period, r.ledger.filter(entryStands)),
    entries: record?.entries ?? {},
    overall: record?.overall ?? null,
    signatures: record?.signatures ?? [],
  };
}

function disputeState(e: LedgerEntryRecord): DisputeState {
  const last = e.disputes.at(-1);
  if (!last) return 'none';
  if (!last.outcome) return 'open';
  return e.disputes.some((d) => d.outcome?.upheld) ? 'upheld' : 'rejected';
}

export function deductionStatementData(r: ContractQuarterRecord): DeductionStatementData {
  const lines = [...r.ledger]
    .sort((a, b) => a.reportedAt.localeCompare(b.reportedAt) || a.id.localeCompare(b.id))
    .map((e) => ({
      entryId: e.id,
      ticketNumber: r.ticketNumbers.get(e.ticketId) ?? e.ticketId,
      severity: e.severity,
      reportedAt: e.reportedAt,
      ruleId: e.ruleId,
      clause: e.sourceText,
      reason: e.reason,
      baseFen: e.baseFen,
      rateBp: e.rateBp,
      amountFen: e.amountFen,
      dispute: disputeState(e),
    }));
  return {
    hospital: { id: r.hospital.id, name: r.hospital.name },
    contract: contractHeader(r),
    period: quarterOf(r.period),
    lines,
  };
}

export function inspectionSheetData(
  r: ContractQuarterRecord,
  record: InspectionRecord | null,
): InspectionSheetData {
  return {
    hospital: { id: r.hospital.id, name: r.hospital.name },
    contract: { ...contractHeader(r), coveredSystem: r.contract.terms.coveredSystem },
    period: quarterOf(r.period),
    visit: record?.visit ?? { date: null, place: null, engineer: null },
    checks:
      record?.checks ?? defaultInspectionChecks(r.contract.terms.subsystems.map((s) => s.name)),
    findings: record?.findings ?? null,
    signatures: record?.signatures ?? [],
  };
}

/** Each document's name in its file name, as people call it. */
export const documentTitles: Record<DocumentKind, string> = {
  evaluation: '维保服务评价报告',
  inspection: '系统巡检单',
  deliverables: '项目提交物清单',
  deductions: '扣款明细',
  'change-requests': '需求变更改造清单',
  analysis: '季度系统分析报告',
  feedback: '系统应用效果评价报告',
};

/**
 * A document's file name as people file it: 武汉市中心医院-2026第1季度-维保服务评价报告.docx (the
 * hospital, the contract's year, its quarter, the document).
 */
export const documentFileName = (
  kind: DocumentKind,
  quarter: number,
  r: Pick<ContractQuarterRecord, 'hospital' | 'contract'>,
) =>
  `${r.hospital.name}-${r.contract.terms.term.startsOn.slice(0, 4)}第${quarter}季度-${documentTitles[kind]}.docx`;

/** The same in ASCII, for clients that cannot read a UTF-8 file name (RFC 6266's fallback). */
export const asciiDocumentFileName = (kind: DocumentKind, quarter: number) =>
  `${kind}-q${quarter}.docx`;

/**
 * The evaluation report is always generated here, and so is the 需求变更改造清单 of a quarter with
 * approved requests; the other items come from their record.
 */
export function deliverablesListData(
  r: ContractQuarterRecord,
  record: DeliverablesRecord | null,
): DeliverablesListData {
  const generated: DeliverableItem[] = [
    {
      kind: 'evaluation-report',
      status: 'generated',
      files: [documentFileName('evaluation', r.period.index, r)],
      reason: null,
    },
  ];
  const approved = approvedRequests(r.changeRequests).length;
  if (approved > 0)
    generated.push({
      kind: 'change-requests',
      status: 'generated',
      files: [documentFileName('change-requests', r.period.index, r)],
      reason: `有 ${approved} 项`,
    });
  const recorded = record?.items.filter((i) => !generated.some((g) => g.kind === i.kind)) ?? [];
  return {
    hospital: { id: r.hospital.id, name: r.hospital.name },
    contract: contractHeader(r),
    period: quarterOf(r.period),
    items: [...generated, ...recorded],
    signatures: record?.signatures ?? [],
  };
}

export interface RenderedDocument {
  fileName: string;
  /** For Content-Disposition's `filename=`, beside the UTF-8 `filename*=`. */
  asciiFileName: string;
  contentType: string;
  bytes: Buffer;
}

/** One quarterly document of a contract as DOCX, from the record (the CLI and the API both use it). */
export function makeContractDocument(
  deps: Pick<Deps, 'db' | 'clock'>,
  sources: DocumentSources = noRecordsYet,
) {
  return async (
    hospitalId: string,
    contractId: string,
    kind: DocumentKind,
    quarter: number,
  ): Promise<RenderedDocument> => {
    const r = await loadContractQuarter(deps, hospitalId, contractId, quarter);
    const at = [deps.db, hospitalId, contractId, r.period] as const;
    let bytes: Buffer;
    switch (kind) {
      case 'evaluation':
        bytes = await renderEvaluationReport(
          evaluationReportData(r, await sources.evaluationRecord(...at), sources.vendorName),
        );
        break;
      case 'inspection':
        bytes = await renderInspectionSheet(
          inspectionSheetData(r, await sources.inspectionRecord(...at)),
        );
        break;
      case 'deliverables':
        bytes = await renderDeliverablesList(
          deliverablesListData(r, await sources.deliverablesRecord(...at)),
        );
        break;
      case 'deductions':
        bytes = await renderDeductionStatement(deductionStatementData(r));
        break;
      case 'change-requests':
        bytes = await renderChangeRequestList({
          hospital: { id: r.hospital.id, name: r.hospital.name },
          contract: contractHeader(r),
          period: quarterOf(r.period),
          requests: r.changeRequests,
          at: deps.clock.now(),
        });
        break;
      case 'analysis':
        bytes = await renderQuarterAnalysis({
          hospital: { name: r.hospital.name },
          contract: contractHeader(r),
          period: quarterOf(r.period),
          figures: quarterAnalysisFigures(r),
          feedback: await sources.feedbackRecord(...at),
          ...((await sources.analysisRecord(...at)) ?? { conclusion: null, recommendations: null }),
        });
        break;
      case 'feedback':
        bytes = await renderFeedbackReport({
          hospital: { name: r.hospital.name },
          contract: contractHeader(r),
          period: quarterOf(r.period),
          feedback: await sources.feedbackRecord(...at),
          figures: quarterAnalysisFigures(r),
        });
        break;
    }
    return {
      fileName: documentFileName(kind, quarter, r),
      asciiFileName: asciiDocumentFileName(kind, quarter),
      contentType: docxContentType,
      bytes,
    };
  };
}
