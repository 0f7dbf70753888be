import { toEpochMs, type ContractTerms, type TicketSla } from '@weibao/domain';
import type { TicketNotice, TicketRecord } from '@weibao/store';
import { acknowledgementEmail, whereOf } from '../mail/acknowledgement-email.ts';
import { shanghaiTime } from './escalation-email.ts';

const severityZh = { fatal: '致命', serious: '严重', minor: '一般' } as const;

export interface TicketNoticeInput {
  notice: TicketNotice;
  ticket: TicketRecord;
  hospitalName: string;
  sla: TicketSla | null;
  link: string;
  terms: Pick<ContractTerms, 'serviceManager'>;
  /** The support engineers who reach the hospital (a new fatal or serious ticket is theirs too). */
  engineers?: string[];
  /** 院方异议: who objected, and why, to the pause since `pausedAt`. */
  objection?: { by: string; reason: string; pausedAt: string | null; pauseReason: string | null };
}

/** One message of a notice: its recipients and what they read. */
export interface NoticeMail {
  to: string[];
  subject: string;
  text: string;
}

const lower = (a: string | null | undefined) => (a ? a.trim().toLowerCase() : null);

/**
 * Who is told what about a ticket's own events (item 4 of the outage issue):
 * - opened, fatal or serious: the contract's service manager, the assignee and the engineers who
 *   reach the hospital at once, so the response clock does not run down unseen;
 * - opened from the web or by phone: the reporter gets the acknowledgement with the deadlines
 *   (reports by mail get theirs from the intake, which threads it);
 * - response, resolution and close: the reporter, who is waiting for exactly these.
 */
export function ticketNoticeMails(i: TicketNoticeInput): NoticeMail[] {
  const { vendor, reporter } = noticeRecipients(i.notice, i.ticket, i.terms, i.engineers);
  const out: NoticeMail[] = [];
  if (i.notice === 'pause-objection') {
    if (vendor.length > 0) out.push({ to: vendor, ...objectionEmail(i) });
    return out;
  }
  if (i.notice === 'opened') {
    if (vendor.length > 0) out.push({ to: vendor, ...newTicketEmail(i) });
    if (reporter.length > 0)
      out.push({
        to: reporter,
        ...acknowledgementEmail({
          ticket: i.ticket,
          hospitalName: i.hospitalName,
          sla: i.sla,
          link: i.link,
        }),
      });
    return out;
  }
  if (reporter.length > 0) out.push({ to: reporter, ...reporterEmail(i) });
  return out;
}

/** A new ticket of these severities is told to the vendor's people at once. */
export const severeNotice = (severity: TicketRecord['severity']): boolean =>
  severity === 'fatal' || severity === 'serious';

/** Whom a notice goes to; none: nothing is queued for it. */
export function noticeRecipients(
  notice: TicketNotice,
  t: Pick<TicketRecord, 'severity' | 'assignee' | 'reporter' | 'channel'>,
  terms: Pick<ContractTerms, 'serviceManager'>,
  engineers: string[] = [],
): { vendor: string[]; reporter: string[] } {
  const reporter = lower(t.reporter.email);
  if (notice === 'pause-objection') {
    // The service manager answers for the contract, the assignee for the pause.
    const vendor = [lower(terms.serviceManager?.email), lower(t.assignee?.email)];
    return { vendor: [...new Set(vendor)].filter((x): x is string => x !== null), reporter: [] };
  }
  if (notice !== 'opened') return { vendor: [], reporter: reporter ? [reporter] : [] };
  const vendor = severeNotice(t.severity)
    ? [
        ...new Set([
          lower(terms.serviceManager?.email),
          lower(t.assignee?.email),
          ...engineers.map(lower),
        ]),
      ].filter((x): x is string => x !== null)
    : [];
  return { vendor, reporter: reporter && t.channel !== 'email' ? [reporter] : [] };
}

function deadline(sla: TicketSla | null, kind: 'response' | 'resolution'): string | null {
  return sla?.clocks.find((c) => c.kind === kind)?.deadline ?? null;
}

/** To vendor staff: a fatal or serious fault was reported; the response deadline first. */
function newTicketEmail(i: TicketNoticeInput): { subject: string; text: string } {
  const t = i.ticket;
  const response = deadline(i.sla, 'response');
  const utc = (iso: string) => new Date(toEpochMs(iso)).toISOString();
  return {
    subject: `【${t.number}】新${severityZh[t.severity]}故障 / New ${t.severity} fault — ${t.title}`,
    text: [
      `${i.hospitalName}报告了${severityZh[t.severity]}故障，工单 ${t.number}。`,
      `故障：${t.title}`,
      // Where to go and whom to call: the engineer's first questions.
      ...(whereOf(t) ? [`地点：${whereOf(t)}`] : []),
      ...(t.reporter.phone ? [`报告人：${t.reporter.name}，电话 ${t.reporter.phone}`] : []),
      `报告时间：${shanghaiTime(t.reportedAt)}`,
      `响应截止时间：${response ? shanghaiTime(response) : '待定'}`,
      `负责人：${t.assignee?.name ?? '未指定，请认领'}`,
      `查看并响应：${i.link}`,
      '直接回复本邮件即记为响应（回复地址为您专用，请勿转发）。',
      '',
      '----',
      `${i.hospitalName} reported a ${t.severity} fault: ticket ${t.number}.`,
      `Fault: ${t.title}`,
      ...(whereOf(t) ? [`Where: ${whereOf(t)}`] : []),
      ...(t.reporter.phone ? [`Reporter: ${t.reporter.name}, phone ${t.reporter.phone}`] : []),
      `Reported: ${utc(t.reportedAt)}`,
      `Response due: ${response ? `${utc(response)} (${shanghaiTime(response)})` : 'to be set'}`,
      `Open and respond: ${i.link}`,
      'Replying to this email records your response (the reply address is yours alone; do not forward it).',
    ].join('\n'),
  };
}

/** To the service manager and the assignee: the hospital objects to a pause of the clocks. */
function objectionEmail(i: TicketNoticeInput): { subject: string; text: string } {
  const t = i.ticket;
  const o = i.objection;
  return {
    subject: `【${t.number}】院方对暂停计时提出异议 / The hospital objects to the SLA pause — ${t.title}`,
    text: [
      `${i.hospitalName}对工单 ${t.number} 的暂停计时提出异议，计时已恢复。`,
      `故障：${t.title}`,
      ...(o?.pausedAt ? [`暂停开始：${shanghaiTime(o.pausedAt)}`] : []),
      ...(o?.pauseReason ? [`暂停原因：${o.pauseReason}`] : []),
      ...(o ? [`异议人：${o.by}`, `异议理由：${o.reason}`] : []),
      `请核实并与院方沟通：${i.link}`,
      '',
      '----',
      `${i.hospitalName} objects to the pause of ticket ${t.number}; its SLA clocks run again.`,
      `Open the ticket: ${i.link}`,
    ].join('\n'),
  };
}

const reporterWords = {
  response: { zh: '工程师已响应', en: 'An engineer has responded' },
  resolution: { zh: '故障已解决，请确认', en: 'The fault is resolved; please confirm' },
  close: { zh: '工单已关闭', en: 'The ticket is closed' },
} as const;

/** To the requester: the IT center approved or declined their change request, and why not. */
function changeDecisionEmail(i: TicketNoticeInput): { subject: string; text: string } {
  const t = i.ticket;
  const d = t.change?.decision;
  const words = d?.approved
    ? { zh: '需求变更已批准', en: 'The change request is approved' }
    : { zh: '需求变更未获批准', en: 'The change request is declined' };
  return {
    subject: `【${t.number}】${words.zh} / ${words.en} — ${t.title}`,
    text: [
      `您好，`,
      `${i.hospitalName}的工单 ${t.number}：${words.zh}（信息中心${d?.by.name ?? ''}审批）。`,
      `需求：${t.title}`,
      ...(t.change ? [`要求完成日期：${t.change.dueOn}`] : []),
      ...(d && !d.approved && d.reason ? [`原因：${d.reason}`] : []),
      `查看工单：${i.link}`,
      '',
      '----',
      `Ticket ${t.number} (${i.hospitalName}): ${words.en}.`,
      `Open the ticket: ${i.link}`,
    ].join('\n'),
  };
}

/** To the reporter: the answer they were waiting for, and where to reply or reopen. */
function reporterEmail(i: TicketNoticeInput): { subject: string; text: string } {
  if (i.notice === 'change-decision') return changeDecisionEmail(i);
  const t = i.ticket;
  const words = reporterWords[i.notice as keyof typeof reporterWords];
  const todo =
    i.notice === 'resolution'
      ? '如故障仍在，请在工单中重新打开或直接回复本邮件。'
      : i.notice === 'close'
        ? '如故障再次出现，请在工单中重新打开。'
        : '如需补充信息，请直接回复本邮件，请保留主题中的工单号。';
  return {
    subject: `【${t.number}】${words.zh} / ${words.en} — ${t.title}`,
    text: [
      `您好，`,
      `${i.hospitalName}的工单 ${t.number}：${words.zh}。`,
      `故障：${t.title}`,
      `报告时间：${shanghaiTime(t.reportedAt)}`,
      todo,
      `查看工单：${i.link}`,
      '',
      '----',
      `Ticket ${t.number} (${i.hospitalName}): ${words.en}.`,
      `Fault: ${t.title}`,
      `Open the ticket: ${i.link}`,
    ].join('\n'),
  };
}
