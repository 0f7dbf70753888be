import { toEpochMs, type TicketSla } from '@weibao/domain';
import type { TicketRecord } from '@weibao/store';
import { shanghaiTime } from '../tickets/escalation-email.ts';

const severityZh = { fatal: '致命错误', serious: '严重错误', minor: '一般错误' } as const;

export interface AcknowledgementInput {
  ticket: TicketRecord;
  hospitalName: string;
  sla: TicketSla | null;
  link: string;
}

/** Where a report says the fault is: campus and place, as the reporter named them; '' for none. */
export function whereOf(t: Pick<TicketRecord, 'campus' | 'place'>): string {
  return [t.campus, t.place].filter(Boolean).join(' · ');
}

function deadlineOf(sla: TicketSla | null, kind: 'response' | 'resolution'): string | null {
  return sla?.clocks.find((c) => c.kind === kind)?.deadline ?? null;
}

/**
 * The acknowledgement of an emailed fault report: Chinese first, English below. It is not a
 * response (响应 is the first human answer), so it says when the response is due instead.
 */
export function acknowledgementEmail(i: AcknowledgementInput): { subject: string; text: string } {
  const t = i.ticket;
  const response = deadlineOf(i.sla, 'response');
  const resolution = deadlineOf(i.sla, 'resolution');
  const zhSeverity = t.severityConfirmed
    ? severityZh[t.severity]
    : `${severityZh[t.severity]}（根据邮件内容初步判断，待工程师确认）`;
  const enSeverity = t.severityConfirmed
    ? t.severity
    : `${t.severity} (proposed from your email's wording until an engineer confirms it)`;
  const utc = (iso: string) => new Date(toEpochMs(iso)).toISOString();
  const subject = `【${t.number}】已收到您的故障报告 / Fault report received — ${t.title}`.slice(
    0,
    300,
  );
  const text = [
    `您好，`,
    `${i.hospitalName}的故障报告已登记为工单 ${t.number}。`,
    `故障：${t.title}`,
    ...(whereOf(t) ? [`地点：${whereOf(t)}`] : []),
    `严重程度：${zhSeverity}`,
    `报告时间：${shanghaiTime(t.reportedAt)}`,
    `响应截止时间：${response ? shanghaiTime(response) : '待定'}`,
    `解决截止时间：${resolution ? shanghaiTime(resolution) : '以 Service Pack 修正，目标时间由工程师确定'}`,
    `查看工单：${i.link}`,
    `回复本邮件即可补充信息，请保留主题中的工单号。本邮件为系统自动确认，不是工程师的响应。`,
    '',
    '----',
    `Your fault report for ${i.hospitalName} is ticket ${t.number}.`,
    `Fault: ${t.title}`,
    ...(whereOf(t) ? [`Where: ${whereOf(t)}`] : []),
    `Severity: ${enSeverity}`,
    `Reported: ${utc(t.reportedAt)} (${shanghaiTime(t.reportedAt)})`,
    `Response due: ${response ? `${utc(response)} (${shanghaiTime(response)})` : 'to be set'}`,
    `Resolution due: ${resolution ? `${utc(resolution)} (${shanghaiTime(resolution)})` : 'by a service pack; an engineer sets the target'}`,
    `Open the ticket: ${i.link}`,
    'Reply to this email to add information; keep the ticket number in the subject. This is an automatic acknowledgement, not an engineer’s response.',
  ].join('\n');
  return { subject, text };
}
