import {
  hundredthsText,
  satisfactionNamesZh,
  satisfactionScores,
  type SubsystemSatisfaction,
} from '@weibao/domain';
import { percent } from './document-format.ts';
import { docxBytes, heading, note, paragraph, quarterListHead } from './docx-page.ts';
import { headerRow, table } from './docx-tables.ts';
import { periodTitle, type ReportPeriod } from './evaluation-report.ts';
import {
  faultsBySubsystemTable,
  responseTimesTable,
  type QuarterAnalysisFigures,
} from './quarter-analysis.ts';
import { signatureBlock } from './signature-block.ts';

/** What the quarter's survey gave: who was asked and answered, the figures and the remarks. */
export interface FeedbackRecord {
  /** Departments asked, each with the respondent once answered (name and role), else null. */
  departments: { name: string; respondent: string | null }[];
  subsystems: SubsystemSatisfaction[];
  overall: SubsystemSatisfaction;
  comments: { department: string; subsystem: string; score: number; comment: string }[];
}

export interface FeedbackReportData {
  hospital: { name: string };
  contract: { title: string; number?: string | null };
  period: ReportPeriod;
  /** null: no survey was opened this quarter; the report says so and leaves room to write. */
  feedback: FeedbackRecord | null;
  figures: Pick<
    QuarterAnalysisFigures,
    'faults' | 'late' | 'compliantBp' | 'bySubsystem' | 'times'
  >;
}

const center = (content: string) => ({ content, align: 'center' as const });

function satisfactionRow(s: SubsystemSatisfaction, bold = false) {
  return [
    { content: s.subsystem, bold },
    center(String(s.count)),
    { content: hundredthsText(s.averageHundredths), align: 'center' as const, bold },
    ...[...satisfactionScores].reverse().map((score) => center(String(s.distribution[score - 1]))),
  ];
}

function surveySection(f: FeedbackRecord | null) {
  if (!f) return [paragraph('本季度未发起用户满意度调查。'), paragraph(''), paragraph('')];
  const answered = f.departments.filter((d) => d.respondent !== null);
  const waiting = f.departments.filter((d) => d.respondent === null);
  return [
    paragraph(
      `调查科室 ${f.departments.length} 个，已答 ${answered.length} 个${
        waiting.length > 0 ? `，未答：${waiting.map((d) => d.name).join('、')}` : ''
      }。`,
    ),
    table(
      [32, 10, 12, 9, 9, 9, 9, 10],
      [
        headerRow([
          '子系统',
          '答卷数',
          '平均分',
          ...[...satisfactionScores].reverse().map((s) => `${s}分`),
        ]),
        ...f.subsystems.map((s) => satisfactionRow(s)),
        satisfactionRow(f.overall, true),
      ],
    ),
    note(
      `满意度 1 至 5 分（${satisfactionScores.map((s) => `${s}分${satisfactionNamesZh[s]}`).join('，')}）；平均分保留两位小数，四舍五入。`,
    ),
  ];
}

function commentsSection(f: FeedbackRecord | null) {
  if (!f || f.comments.length === 0) return [paragraph('本季度无文字意见。')];
  return [
    table(
      [20, 22, 8, 50],
      [
        headerRow(['科室', '子系统', '评分', '意见']),
        ...f.comments.map((c) => [c.department, c.subsystem, center(String(c.score)), c.comment]),
      ],
    ),
  ];
}

/**
 * 系统应用效果评价报告 (项目提交物, 服务期每三个月) as DOCX: the departments' satisfaction per
 * subsystem from the quarter's survey, their remarks, and the quarter's ticket record (faults by
 * subsystem, response and resolution against the contract's targets).
 */
export async function renderFeedbackReport(d: FeedbackReportData): Promise<Buffer> {
  const f = d.figures;
  const head = `系统应用效果评价报告（${periodTitle(d.period)}）`;
  return docxBytes({ title: `${d.hospital.name} ${head}`, subject: d.contract.title }, [
    ...quarterListHead(d, head, '评价期间'),
    heading('一、用户满意度（按子系统）'),
    ...surveySection(d.feedback),
    heading('二、用户意见'),
    ...commentsSection(d.feedback),
    heading('三、故障与服务'),
    paragraph(
      `故障报告：${f.faults} 次；超时：${f.late} 次；达标率：${
        f.compliantBp === null ? '—（本季度无故障）' : percent(f.compliantBp)
      }`,
    ),
    faultsBySubsystemTable(f),
    ...responseTimesTable(f),
    heading('四、存在的问题和改进建议'),
    paragraph('（由服务方填写）'),
    paragraph(''),
    paragraph(''),
    table(
      [1, 1],
      [
        [
          { content: signatureBlock({ signer: '编制人（乙方）', date: '编制日期' }, null) },
          { content: signatureBlock({ signer: '确认人（信息中心）', date: '确认日期' }, null) },
        ],
      ],
    ),
    note('满意度取自各科室通过调查链接提交的答卷；故障与时间取自系统工单记录，时间为北京时间。'),
  ]);
}
