import type { Paragraph } from 'docx';
import {
  wholeBp,
  type Rating,
  type ReportFigures,
  type SectionRating,
  type SpotChecks,
} from '@weibao/domain';
import { blank, dateZh, ratingBoxes, yuan } from './document-format.ts';
import { docxBytes, note, paragraph, title } from './docx-page.ts';
import { table, type CellSpec } from './docx-tables.ts';
import { signatureBlock, type RecordedSignature, type SignatureLabels } from './signature-block.ts';

/** Who signs a 维保服务评价报告: the seed's four blocks, and the vendor acknowledging it. */
export const evaluationParties = [
  'department',
  'it-center',
  'supervisor',
  'auditor',
  'vendor',
] as const;
export type EvaluationParty = (typeof evaluationParties)[number];

/** What one evaluating party (使用科室 or 信息中心) entered for its section. */
export interface EvaluationEntry {
  /** 服务效果抽查: samples checked and passed. */
  spotChecks: SpotChecks;
  /** 因服务问题导致的不良事件 in the period. */
  adverseEvents: number;
  /** The domain's sectionRating() of the two lines above. */
  rating: SectionRating;
  /** 其他: the evaluator's remarks, problems and suggestions. */
  other?: string | null;
}

/** The period a report covers: a contract quarter (服务期每三个月) or the whole year (annual report). */
export interface ReportPeriod {
  kind: 'quarter' | 'year';
  /** 1-based contract quarter, for kind 'quarter'. */
  quarter?: number;
  startsOn: string;
  endsOn: string;
}

/** Everything the 维保服务评价报告 (seed 附件1) shows; the evaluations loader fills it from the record. */
export interface EvaluationReportData {
  hospital: { id: string; name: string };
  contract: { id: string; title: string; number?: string | null; totalFen: number };
  /** 服务提供方; null leaves the line blank. */
  vendor: { name: string } | null;
  period: ReportPeriod;
  /** Counts and amounts from the ledger (domain reportFigures), never typed by hand. */
  figures: ReportFigures;
  /** 服务水平评价 by the department, 服务质量评价 by the IT center; absent until entered. */
  entries: { department?: EvaluationEntry | null; itCenter?: EvaluationEntry | null };
  /** The worse of the two sections (domain evaluationRating().overall); null until both rated. */
  overall: Rating | null;
  signatures: ({ party: EvaluationParty } & RecordedSignature)[];
}

const labels: Record<EvaluationParty, SignatureLabels> = {
  department: { signer: '评价人（使用科室）', date: '评价日期' },
  'it-center': { signer: '评价人（信息中心）', date: '评价日期' },
  supervisor: { seal: '监理单位（盖章）', signer: '监理工程师', date: '日    期' },
  auditor: { seal: '审计单位（盖章）', signer: '单位代表', date: '日    期' },
  vendor: { seal: '服务提供方（盖章）', signer: '服务方代表', date: '日    期' },
};

export function periodTitle(p: ReportPeriod): string {
  return p.kind === 'year' ? '年度' : `第${p.quarter}季度`;
}

function passRate({ sampled, passed }: SpotChecks): string {
  if (sampled === 0) return '未抽出问题（抽查0项）';
  const tenths = Math.floor((passed * wholeBp) / sampled / 10);
  return `抽查${sampled}项，合格${passed}项，合格率${tenths / 10}%`;
}

function sectionRows(
  label: string,
  entry: EvaluationEntry | null | undefined,
  signature: RecordedSignature | null,
  party: EvaluationParty,
  extra: Paragraph[][],
): CellSpec[][] {
  const rows: Paragraph[][] = [
    [
      paragraph(`服务效果抽查合格率：${ratingBoxes(entry?.rating.spotCheckRating ?? null)}`),
      paragraph(entry ? passRate(entry.spotChecks) : `抽查${blank}项，合格${blank}项`),
      note('达到100%为优秀，≥90%为良好，≥80%为合格，＜80%为不合格'),
    ],
    [
      paragraph(`无恶性事件发生情况：${ratingBoxes(entry?.rating.adverseEventRating ?? null)}`),
      paragraph(`不良事件：${entry ? entry.adverseEvents : blank}起`),
      note('因服务问题导致的不良事件发生，服务期间评价直接给予不合格评价'),
    ],
    ...extra,
    [paragraph(`本项评价：${ratingBoxes(entry?.rating.rating ?? null)}`)],
    [paragraph(`其他：${entry?.other ?? ''}`)],
    signatureBlock(labels[party], signature),
  ];
  return rows.map((content, i) =>
    i === 0
      ? [{ content: label, rowSpan: rows.length, bold: true, align: 'center' }, { content }]
      : [{ content }],
  );
}

function qualityFigures(f: ReportFigures): Paragraph[] {
  const v = f.vendorFaultsWithoutNotice;
  const faults = v.fatal + v.serious + v.minor;
  return [
    paragraph(
      `1.服务响应效率：大于1小时次数 ${f.lateResponses} 次，扣减 ${yuan(f.lateResponseDeductionFen)}`,
    ),
    note('响应问题及处理问题时间大于1小时一次，则扣减1%合同款，按次数累计。'),
    paragraph(
      `2.因乙方未提前通知导致甲方系统故障：故障次数 ${faults} 次（致命 ${v.fatal} 次，严重 ${v.serious} 次，一般 ${v.minor} 次），扣罚 ${yuan(f.vendorFaultDeductionFen)}`,
    ),
    note(
      '一次致命故障扣罚子系统合同金额的5%，一次严重故障扣罚子系统合同金额的3%，一次一般故障扣罚子系统合同金额的1%。',
    ),
    paragraph(`扣款合计：${yuan(f.totalDeductionFen)}（台账 ${f.entryIds.length} 条）`, {
      bold: true,
    }),
  ];
}

/** The 维保服务评价报告 of seed 附件1 as DOCX: the layout the hospital signs and seals. */
export async function renderEvaluationReport(d: EvaluationReportData): Promise<Buffer> {
  const signed = (party: EvaluationParty) => d.signatures.find((s) => s.party === party) ?? null;
  const heading = `售后维保服务评价报告（${periodTitle(d.period)}）`;
  const main = table(
    [22, 78],
    [
      [{ content: '项目名称', bold: true, align: 'center' }, d.contract.title],
      [{ content: '合同编号', bold: true, align: 'center' }, d.contract.number ?? '（未填写）'],
      [{ content: '服务提供方', bold: true, align: 'center' }, d.vendor?.name ?? blank],
      [
        { content: '评价区间', bold: true, align: 'center' },
        `${periodTitle(d.period)}：${dateZh(d.period.startsOn)} 至 ${dateZh(d.period.endsOn)}`,
      ],
      ...sectionRows(
        '服务水平评价（使用科室评价）',
        d.entries.department,
        signed('department'),
        'department',
        [],
      ),
      ...sectionRows(
        '服务质量评价（信息中心评价）',
        d.entries.itCenter,
        signed('it-center'),
        'it-center',
        [qualityFigures(d.figures)],
      ),
      [
        { content: '综合评价', bold: true, align: 'center' },
        [paragraph(ratingBoxes(d.overall)), note('取服务水平评价与服务质量评价中较低者。')],
      ],
    ],
  );
  const seals = table(
    [1, 1],
    [
      [
        { content: signatureBlock(labels.supervisor, signed('supervisor')) },
        { content: signatureBlock(labels.auditor, signed('auditor')) },
      ],
      [{ content: signatureBlock(labels.vendor, signed('vendor')), span: 2 }],
    ],
  );
  return docxBytes({ title: `${d.hospital.name} ${heading}`, subject: d.contract.title }, [
    title(d.hospital.name),
    title(heading),
    main,
    seals,
    note(
      `计数与金额取自系统台账（合同总额 ${yuan(d.contract.totalFen)}），评价人确认或提出异议；时间为北京时间。`,
    ),
  ]);
}
