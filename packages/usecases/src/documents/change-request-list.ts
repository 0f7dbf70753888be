import {
  changeApproval,
  changeApprovalNamesZh,
  changeOverdue,
  changeProgressNamesZh,
  isChangeKind,
  shanghaiDateOf,
  type ChangeRequest,
} from '@weibao/domain';
import type { TicketRecord } from '@weibao/store';
import { docxBytes, note, paragraph, quarterListHead } from './docx-page.ts';
import { headerRow, table } from './docx-tables.ts';
import { periodTitle, type ReportPeriod } from './evaluation-report.ts';

const kindNamesZh = { 'change-request': '需求变更', 'template-change': '病历模板修改' } as const;

/** One line of the list: a request as the hospital reads it, no internal ids. */
export interface ChangeRequestLine {
  number: string;
  kind: keyof typeof kindNamesZh;
  title: string;
  requester: string;
  reportedAt: string;
  change: ChangeRequest;
}

export interface ChangeRequestListData {
  hospital: { id: string; name: string };
  contract: { id: string; title: string; number?: string | null };
  period: ReportPeriod;
  /** Every change request of the quarter; only the approved ones are listed. */
  requests: ChangeRequestLine[];
  /** When the list is made: 逾期 is judged against it for what is still owed. */
  at: Date;
}

/**
 * The quarter's change requests (需求变更 and 模板修改, reported in the quarter, 北京时间) as the
 * list's lines; a change ticket opened before approval was kept is 待审批 and not listed.
 */
export function changeRequestLines(tickets: readonly TicketRecord[]): ChangeRequestLine[] {
  return tickets
    .filter((t) => !t.deletedAt && isChangeKind(t.kind) && t.change)
    .sort((a, b) => a.reportedAt.localeCompare(b.reportedAt) || a.number.localeCompare(b.number))
    .map((t) => ({
      number: t.number,
      kind: t.kind as ChangeRequestLine['kind'],
      title: t.title,
      requester: t.reporter.name,
      reportedAt: t.reportedAt,
      change: t.change as ChangeRequest,
    }));
}

/** The lines the list holds: what the IT center approved (已批准, 实施中, 已完成). */
export const approvedRequests = (lines: readonly ChangeRequestLine[]) =>
  lines.filter((l) => changeApproval(l.change) === 'approved');

/**
 * 需求变更改造清单 of one quarter as DOCX: each approved request with its requester, requested
 * date, approval, progress and completion date; declined and undecided ones are only counted.
 */
export async function renderChangeRequestList(d: ChangeRequestListData): Promise<Buffer> {
  const listed = approvedRequests(d.requests);
  const declined = d.requests.filter((l) => changeApproval(l.change) === 'declined').length;
  const pending = d.requests.filter((l) => changeApproval(l.change) === 'pending').length;
  const rows = listed.map((l, i) => {
    const c = l.change;
    const overdue = changeOverdue(c, d.at);
    return [
      { content: String(i + 1), align: 'center' as const },
      [l.number, kindNamesZh[l.kind]],
      l.title,
      [l.requester, shanghaiDateOf(l.reportedAt)],
      { content: c.dueOn, align: 'center' as const },
      [
        changeApprovalNamesZh[changeApproval(c)],
        ...(c.decision ? [`${c.decision.by.name} ${shanghaiDateOf(c.decision.at)}`] : []),
      ],
      { content: `${changeProgressNamesZh[c.progress]}${overdue ? '（逾期）' : ''}` },
      { content: c.completedAt ? shanghaiDateOf(c.completedAt) : '', align: 'center' as const },
    ];
  });
  const heading = `需求变更改造清单（${periodTitle(d.period)}）`;
  return docxBytes({ title: `${d.hospital.name} ${heading}`, subject: d.contract.title }, [
    ...quarterListHead(d, heading, '统计期间'),
    table(
      [6, 17, 21, 13, 12, 13, 10, 12],
      [
        headerRow([
          '序号',
          '工单',
          '需求内容',
          '提出人及日期',
          '要求完成日期',
          '审批',
          '进度',
          '完成日期',
        ]),
        ...(rows.length > 0
          ? rows
          : [[{ content: '本季度无已批准的需求变更', span: 8, align: 'center' as const }]]),
      ],
    ),
    paragraph(`已批准：${listed.length} 项；未获批准：${declined} 项；待审批：${pending} 项`),
    note(
      '本清单列出本季度提出（北京时间）并经医院信息中心批准的需求变更及病历模板修改；未获批准和待审批的需求只计数，不列入。完成日期晚于要求完成日期或至今未完成且已过要求完成日期的，标为逾期。',
    ),
  ]);
}
