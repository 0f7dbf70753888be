import type { Severity } from '@weibao/domain';
import { dateZh, percent, shanghaiTime, yuan } from './document-format.ts';
import { docxBytes, note, paragraph, title } from './docx-page.ts';
import { headerRow, table } from './docx-tables.ts';
import { periodTitle, type ReportPeriod } from './evaluation-report.ts';

const severityNamesZh: Record<Severity, string> = {
  fatal: '致命',
  serious: '严重',
  minor: '一般',
};

/** Where an entry's disputes stand: none raised, one open, or the last one decided. */
export type DisputeState = 'none' | 'open' | 'upheld' | 'rejected';
const disputeNamesZh: Record<DisputeState, string> = {
  none: '无异议',
  open: '异议处理中',
  upheld: '异议成立（不扣款）',
  rejected: '异议不成立',
};

export interface DeductionLine {
  entryId: string;
  /** The ticket's human number, e.g. WHZX-2026-00042; the ticket id when the ticket is gone. */
  ticketNumber: string;
  severity: Severity;
  reportedAt: string;
  ruleId: string;
  /** The contract clause the rule implements (sourceText). */
  clause: string;
  reason: string;
  baseFen: number;
  rateBp: number;
  amountFen: number;
  dispute: DisputeState;
}

export interface DeductionStatementData {
  hospital: { id: string; name: string };
  contract: { id: string; title: string; number?: string | null; totalFen: number };
  period: ReportPeriod;
  lines: DeductionLine[];
}

/** Sums of a statement: what stands, what an upheld dispute waived, and what is still disputed. */
export function deductionTotals(lines: readonly DeductionLine[]) {
  const sum = (pick: (l: DeductionLine) => boolean) =>
    lines.filter(pick).reduce((s, l) => s + l.amountFen, 0);
  return {
    bookedFen: sum(() => true),
    standingFen: sum((l) => l.dispute !== 'upheld'),
    waivedFen: sum((l) => l.dispute === 'upheld'),
    openFen: sum((l) => l.dispute === 'open'),
  };
}

/** 扣款明细 of one quarter as DOCX: each ledger entry with its ticket, clause and amount. */
export async function renderDeductionStatement(d: DeductionStatementData): Promise<Buffer> {
  const t = deductionTotals(d.lines);
  const rows = d.lines.map((l, i) => [
    { content: String(i + 1), align: 'center' as const },
    [l.ticketNumber, `${severityNamesZh[l.severity]}｜${shanghaiTime(l.reportedAt)}`],
    [l.reason, note(l.clause)],
    { content: `${yuan(l.baseFen)} × ${percent(l.rateBp)}`, align: 'right' as const },
    { content: yuan(l.amountFen), align: 'right' as const },
    { content: disputeNamesZh[l.dispute], align: 'center' as const },
  ]);
  const heading = `扣款明细（${periodTitle(d.period)}）`;
  return docxBytes({ title: `${d.hospital.name} ${heading}`, subject: d.contract.title }, [
    title(d.hospital.name),
    title(heading),
    paragraph(`项目名称：${d.contract.title}`),
    paragraph(
      `合同编号：${d.contract.number ?? '（未填写）'}\u3000合同总额：${yuan(d.contract.totalFen)}`,
    ),
    paragraph(`服务期间：${dateZh(d.period.startsOn)} 至 ${dateZh(d.period.endsOn)}`),
    table(
      [6, 22, 34, 16, 11, 11],
      [
        headerRow(['序号', '工单', '扣款原因及合同条款', '基数 × 比例', '金额', '异议']),
        ...(rows.length > 0
          ? rows
          : [[{ content: '本季度无扣款', span: 6, align: 'center' as const }]]),
      ],
    ),
    paragraph(`扣款条数：${d.lines.length} 条`),
    paragraph(`记账合计：${yuan(t.bookedFen)}`),
    paragraph(`其中异议成立免扣：${yuan(t.waivedFen)}；异议处理中：${yuan(t.openFen)}`),
    paragraph(`应扣合计：${yuan(t.standingFen)}`, { bold: true }),
    note('每条扣款按合同条款计算，金额四舍五入到分；扣款归入故障报告时间所在季度（北京时间）。'),
  ]);
}
