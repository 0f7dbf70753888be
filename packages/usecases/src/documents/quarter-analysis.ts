import {
  hundredthsText,
  changeApproval,
  changeProgresses,
  changeProgressNamesZh,
  severities,
  shanghaiDateOf,
  startOfShanghaiDate,
  toEpochMs,
  toIsoInstant,
  type ChangeProgress,
  type Severity,
  type SlaTarget,
} from '@weibao/domain';
import type { ContractRecord, LedgerEntryRecord, TicketRecord } from '@weibao/store';
import { aggregateVendorOverview } from '../overview/vendor-overview.ts';
import type { ChangeRequestLine } from './change-request-list.ts';
import { percent, yuan } from './document-format.ts';
import { docxBytes, heading, note, paragraph, quarterListHead } from './docx-page.ts';
import { headerRow, table } from './docx-tables.ts';
import { periodTitle, type ReportPeriod } from './evaluation-report.ts';
import type { FeedbackRecord } from './feedback-report.ts';

const severityNamesZh: Record<Severity, string> = { fatal: '致命', serious: '严重', minor: '一般' };

/** A subsystem with this many faults or more in one quarter is a recurring fault (反复故障). */
export const recurringThreshold = 3;
const noSubsystem = '未指定子系统';

export interface SubsystemFaults {
  /** The subsystem's name in the contract; 未指定子系统 for faults reported without one. */
  name: string;
  counts: Record<Severity, number>;
  total: number;
}

export interface RecurringFault {
  subsystem: string;
  faults: number;
  /** The tickets' human numbers, in report order. */
  numbers: string[];
}

/** Minutes from the written report to the response or the resolution, for one severity. */
export interface SeverityTimes {
  severity: Severity;
  responseTargetMinutes: number | null;
  /** null: resolved by the next service pack, against each ticket's target time set at triage. */
  resolutionTargetMinutes: number | null;
  faults: number;
  responded: number;
  responseMedianMinutes: number | null;
  responseWorstMinutes: number | null;
  responseLate: number;
  resolved: number;
  resolutionMedianMinutes: number | null;
  resolutionWorstMinutes: number | null;
  resolutionLate: number;
}

export interface QuarterAnalysisFigures {
  /** As the overview counts the contract quarter (aggregateVendorOverview): the same numbers. */
  faults: number;
  late: number;
  compliantBp: number | null;
  deductionsFen: number;
  deductionEntries: number;
  withdrawnFen: number;
  bySubsystem: SubsystemFaults[];
  recurring: RecurringFault[];
  times: SeverityTimes[];
  changes: {
    total: number;
    byProgress: Record<ChangeProgress, number>;
    approved: ChangeRequestLine[];
  };
}

/** The lower median: the middle value, or the lower of the two middle ones. */
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : (s[Math.floor((s.length - 1) / 2)] ?? null);
};
const minutesBetween = (from: string, to: string) =>
  Math.round((toEpochMs(to) - toEpochMs(from)) / 60_000);

type AnalysisTicket = Pick<
  TicketRecord,
  | 'hospitalId'
  | 'contractId'
  | 'id'
  | 'number'
  | 'kind'
  | 'severity'
  | 'subsystemId'
  | 'reportedAt'
  | 'respondedAt'
  | 'resolvedAt'
  | 'resolutionTargetAt'
  | 'slaMarks'
>;

/**
 * The quarter's figures for the analysis, pure: faults, late ones, 达标率 and deductions exactly as
 * the overview counts this contract quarter; faults by subsystem and severity; recurring faults
 * (one subsystem with three faults or more); response and resolution minutes per severity against
 * the contract's targets; change requests by progress.
 */
export function quarterAnalysisFigures(input: {
  contract: Pick<ContractRecord, 'hospitalId' | 'id' | 'terms'>;
  period: { startsOn: string; endsOn: string };
  /** The contract's tickets reported in the quarter (北京时间), none deleted. */
  tickets: readonly AnalysisTicket[];
  /** Its ledger entries of faults reported in the quarter, disputes and all. */
  ledger: readonly LedgerEntryRecord[];
  changeRequests: readonly ChangeRequestLine[];
}): QuarterAnalysisFigures {
  const { contract } = input;
  const overview = aggregateVendorOverview({
    at: toIsoInstant(startOfShanghaiDate(input.period.startsOn)),
    quarters: [],
    hospitals: [{ id: contract.hospitalId, name: '' }],
    contracts: [contract],
    tickets: input.tickets,
    openTickets: [],
    ledger: input.ledger,
  });
  const q = overview.hospitals[0]?.contractQuarters.find(
    (c) => c.contractId === contract.id && c.startsOn === input.period.startsOn,
  );
  if (!q) throw new RangeError('the period is not a quarter of the contract');
  const faults = input.tickets
    .filter((t) => t.kind === 'fault')
    .sort((a, b) => a.reportedAt.localeCompare(b.reportedAt) || a.number.localeCompare(b.number));

  const nameOf = (id: string | null) =>
    contract.terms.subsystems.find((s) => s.id === id)?.name ?? noSubsystem;
  const bySubsystem = new Map<string, SubsystemFaults & { numbers: string[] }>();
  for (const t of faults) {
    const name = nameOf(t.subsystemId);
    const row = bySubsystem.get(name) ?? {
      name,
      counts: { fatal: 0, serious: 0, minor: 0 },
      total: 0,
      numbers: [],
    };
    row.counts[t.severity] += 1;
    row.total += 1;
    row.numbers.push(t.number);
    bySubsystem.set(name, row);
  }
  const rows = [...bySubsystem.values()].sort(
    (a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh-CN'),
  );

  const times = severities.map((severity): SeverityTimes => {
    const target: SlaTarget | undefined = contract.terms.slaTargets.find(
      (s) => s.severity === severity,
    );
    const these = faults.filter((t) => t.severity === severity);
    const response = these.flatMap((t) =>
      t.respondedAt ? [minutesBetween(t.reportedAt, t.respondedAt)] : [],
    );
    const resolved = these.filter((t) => t.resolvedAt);
    const resolution = resolved.map((t) => minutesBetween(t.reportedAt, t.resolvedAt as string));
    const resolutionLate = resolved.filter((t) => {
      const minutes = minutesBetween(t.reportedAt, t.resolvedAt as string);
      if (target?.resolutionMinutes) return minutes > target.resolutionMinutes;
      return t.resolutionTargetAt !== null && (t.resolvedAt as string) > t.resolutionTargetAt;
    }).length;
    return {
      severity,
      responseTargetMinutes: target?.responseMinutes ?? null,
      resolutionTargetMinutes: target?.resolutionMinutes ?? null,
      faults: these.length,
      responded: response.length,
      responseMedianMinutes: median(response),
      responseWorstMinutes: response.length ? Math.max(...response) : null,
      responseLate: target ? response.filter((m) => m > target.responseMinutes).length : 0,
      resolved: resolved.length,
      resolutionMedianMinutes: median(resolution),
      resolutionWorstMinutes: resolution.length ? Math.max(...resolution) : null,
      resolutionLate,
    };
  });

  const byProgress = Object.fromEntries(changeProgresses.map((p) => [p, 0])) as Record<
    ChangeProgress,
    number
  >;
  for (const c of input.changeRequests) byProgress[c.change.progress] += 1;

  return {
    faults: q.faults,
    late: q.breached,
    compliantBp: q.compliantBp,
    deductionsFen: q.deductionsFen,
    deductionEntries: q.deductionEntries,
    withdrawnFen: q.withdrawnFen,
    bySubsystem: rows.map(({ name, counts, total }) => ({ name, counts, total })),
    recurring: rows
      .filter((r) => r.total >= recurringThreshold)
      .map((r) => ({ subsystem: r.name, faults: r.total, numbers: r.numbers })),
    times,
    changes: {
      total: input.changeRequests.length,
      byProgress,
      approved: input.changeRequests.filter((c) => changeApproval(c.change) === 'approved'),
    },
  };
}

/** 95 → 1小时35分钟; 2 days and more read in days and hours. */
export function minutesZh(m: number | null): string {
  if (m === null) return '—';
  if (m < 60) return `${m}分钟`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}小时${m % 60 ? `${m % 60}分钟` : ''}`;
  return `${Math.floor(h / 24)}天${h % 24 ? `${h % 24}小时` : ''}`;
}

export interface QuarterAnalysisData {
  hospital: { name: string };
  contract: { title: string; number?: string | null };
  period: ReportPeriod;
  figures: QuarterAnalysisFigures;
  /** The quarter's 用户意见收集 survey; null or absent: none was opened. */
  feedback?: Pick<FeedbackRecord, 'departments' | 'overall' | 'subsystems'> | null;
  /** The vendor's 分析结论 and 系统优化扩展方案; null prints a blank to write in. */
  conclusion: string | null;
  recommendations: string | null;
}

/** The survey in two lines: who answered, and the mean per subsystem (details in its own report). */
function feedbackLines(f: Pick<FeedbackRecord, 'departments' | 'overall' | 'subsystems'> | null) {
  if (!f) return [paragraph('本季度未收集用户反馈')];
  const answered = f.departments.filter((x) => x.respondent !== null).length;
  return [
    paragraph(
      `满意度调查：调查科室 ${f.departments.length} 个，已答 ${answered} 个；总体平均分 ${hundredthsText(f.overall.averageHundredths)}（满分 5 分）`,
    ),
    paragraph(
      f.subsystems.map((s) => `${s.subsystem} ${hundredthsText(s.averageHundredths)}`).join('；'),
    ),
    note('各子系统的评分分布和科室意见见本季度《系统应用效果评价报告》。'),
  ];
}

const textOrBlank = (text: string | null, prompt: string) =>
  text && text.trim()
    ? text.split('\n').map((line) => paragraph(line))
    : [paragraph(prompt), paragraph(''), paragraph('')];

const center = (content: string) => ({ content, align: 'center' as const });

/** 按子系统和级别的故障: one row per subsystem, a column per severity and the total. */
export function faultsBySubsystemTable(f: Pick<QuarterAnalysisFigures, 'bySubsystem'>) {
  const sevHeads = severities.map((s) => severityNamesZh[s]);
  return table(
    [40, 12, 12, 12, 12],
    [
      headerRow(['子系统', ...sevHeads, '合计']),
      ...(f.bySubsystem.length > 0
        ? f.bySubsystem.map((r) => [
            r.name,
            ...severities.map((s) => center(String(r.counts[s]))),
            center(String(r.total)),
          ])
        : [[{ content: '本季度无故障', span: 5, align: 'center' as const }]]),
    ],
  );
}

/** 响应和解决时间 against the contract's targets, per severity, with how they are counted. */
export function responseTimesTable(f: Pick<QuarterAnalysisFigures, 'times'>) {
  return [
    table(
      [10, 14, 18, 14, 10, 14, 20],
      [
        headerRow([
          '级别',
          '响应时限',
          '响应（中位／最长）',
          '响应超时',
          '解决时限',
          '解决（中位／最长）',
          '解决超时',
        ]),
        ...f.times.map((t) => [
          center(severityNamesZh[t.severity]),
          center(minutesZh(t.responseTargetMinutes)),
          center(`${minutesZh(t.responseMedianMinutes)}／${minutesZh(t.responseWorstMinutes)}`),
          center(`${t.responseLate}／${t.responded}`),
          center(
            t.resolutionTargetMinutes === null ? '按服务包' : minutesZh(t.resolutionTargetMinutes),
          ),
          center(`${minutesZh(t.resolutionMedianMinutes)}／${minutesZh(t.resolutionWorstMinutes)}`),
          center(`${t.resolutionLate}／${t.resolved}`),
        ]),
      ],
    ),
    note(
      '时间自书面报告错误之时起计；中位取居中的一次（偶数次取较小的一次）；超时栏为“超时次数／已响应或已解决次数”。一般错误按服务包解决的，以分诊时定的目标时间衡量。',
    ),
  ];
}

/**
 * 季度系统分析报告 as DOCX: the quarter's figures (faults by subsystem and severity, recurring
 * faults, response and resolution times against the contract's targets, deductions, change
 * requests, feedback) and the vendor's conclusion and 系统优化扩展方案, editable in Word.
 */
export async function renderQuarterAnalysis(d: QuarterAnalysisData): Promise<Buffer> {
  const f = d.figures;
  const heading1 = `季度系统分析报告（${periodTitle(d.period)}）`;
  return docxBytes({ title: `${d.hospital.name} ${heading1}`, subject: d.contract.title }, [
    ...quarterListHead(d, heading1, '统计期间'),
    heading('一、故障概况'),
    paragraph(
      `故障报告：${f.faults} 次；超时：${f.late} 次；达标率：${
        f.compliantBp === null ? '—（本季度无故障）' : percent(f.compliantBp)
      }`,
    ),
    heading('二、按子系统和级别的故障'),
    faultsBySubsystemTable(f),
    heading('三、反复故障'),
    ...(f.recurring.length > 0
      ? f.recurring.map((r) =>
          paragraph(`${r.subsystem}：${r.faults} 次（${r.numbers.join('、')}）`),
        )
      : [paragraph('本季度无反复故障')]),
    note(`同一子系统在本季度报告故障 ${recurringThreshold} 次及以上的，列为反复故障。`),
    heading('四、响应和解决时间'),
    ...responseTimesTable(f),
    heading('五、扣款'),
    paragraph(
      `扣款 ${f.deductionEntries} 条，应扣合计 ${yuan(f.deductionsFen)}；异议成立免扣 ${yuan(f.withdrawnFen)}`,
    ),
    heading('六、需求变更'),
    paragraph(
      `本季度提出 ${f.changes.total} 项：${changeProgresses
        .map((p) => `${changeProgressNamesZh[p]} ${f.changes.byProgress[p]} 项`)
        .join('；')}`,
    ),
    ...f.changes.approved.map((c, i) =>
      paragraph(
        `${i + 1}. ${c.number} ${c.title}（${changeProgressNamesZh[c.change.progress]}，提出于 ${shanghaiDateOf(c.reportedAt)}）`,
      ),
    ),
    heading('七、用户反馈'),
    ...feedbackLines(d.feedback ?? null),
    heading('八、分析结论'),
    ...textOrBlank(d.conclusion, '（由服务方填写）'),
    heading('九、系统优化扩展方案'),
    ...textOrBlank(d.recommendations, '（由服务方填写）'),
  ]);
}
