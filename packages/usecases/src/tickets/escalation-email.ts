import { toEpochMs, type ContractTerms } from '@weibao/domain';
import type { TicketRecord } from '@weibao/store';

const clockZh = { response: '响应', 'on-site': '上门', resolution: '解决' } as const;
const clockEn = {
  response: 'response',
  'on-site': 'on-site visit',
  resolution: 'resolution',
} as const;
const severityZh = { fatal: '致命', serious: '严重', minor: '一般' } as const;

/** A UTC instant as people in the hospital read it: Asia/Shanghai, 24-hour. */
export function shanghaiTime(iso: string): string {
  const d = new Date(toEpochMs(iso) + 8 * 3_600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}（北京时间）`;
}

export interface EscalationInput {
  ticket: TicketRecord;
  hospitalName: string;
  clock: keyof typeof clockZh;
  point: 'at-risk' | 'breach';
  deadline: string;
  link: string;
  terms: Pick<ContractTerms, 'serviceManager' | 'escalationContacts'>;
}

/**
 * Who is warned: at risk, the assignee and the contract's service manager, so the deadline can
 * still be met; breached, the contract's escalation contacts (the service manager in copy).
 */
export function escalationRecipients(i: EscalationInput): { to: string[]; cc: string[] } {
  const manager = i.terms.serviceManager?.email ?? null;
  if (i.point === 'at-risk') {
    const to = [i.ticket.assignee?.email, manager].filter((x): x is string => Boolean(x));
    return { to: [...new Set(to)], cc: [] };
  }
  const to = [...new Set(i.terms.escalationContacts.map((c) => c.email))];
  return { to, cc: manager && !to.includes(manager) ? [manager] : [] };
}

/** The email: Chinese first, English below; the ticket, the deadline, what to do, a link. */
export function escalationEmail(i: EscalationInput): { subject: string; text: string } {
  const t = i.ticket;
  const zhClock = clockZh[i.clock];
  const enClock = clockEn[i.clock];
  const when = shanghaiTime(i.deadline);
  const zhState = i.point === 'breach' ? `已超时` : `即将超时`;
  const subject =
    i.point === 'breach'
      ? `【${t.number}】${zhClock}已超时 / ${enClock} deadline missed — ${t.title}`
      : `【${t.number}】${zhClock}即将超时 / ${enClock} deadline at risk — ${t.title}`;
  const zhTodo =
    i.point === 'breach'
      ? `${zhClock}时限已过，已记入工单并按合同规则处理。请立即${i.clock === 'response' ? '响应报告人' : i.clock === 'on-site' ? '安排工程师到场' : '解决故障'}，并在工单中记录。`
      : `请在截止时间前${i.clock === 'response' ? '响应报告人' : i.clock === 'on-site' ? '安排工程师到场' : '解决故障'}，并在工单中记录。`;
  const enTodo =
    i.point === 'breach'
      ? `The ${enClock} deadline has passed; the breach is on the ticket's record and the contract's rules apply. Act now and record it on the ticket.`
      : `Please complete the ${enClock} before the deadline and record it on the ticket.`;
  const text = [
    `工单 ${t.number}（${i.hospitalName}）${zhClock}${zhState}。`,
    `故障：${t.title}`,
    `严重程度：${severityZh[t.severity]}    报告时间：${shanghaiTime(t.reportedAt)}`,
    `${zhClock}截止时间：${when}`,
    zhTodo,
    `查看工单：${i.link}`,
    '',
    '----',
    `Ticket ${t.number} (${i.hospitalName}): ${enClock} deadline ${i.point === 'breach' ? 'missed' : 'at risk'}.`,
    `Fault: ${t.title}`,
    `Severity: ${t.severity}    Reported: ${new Date(toEpochMs(t.reportedAt)).toISOString()}`,
    `Deadline: ${new Date(toEpochMs(i.deadline)).toISOString()} (${when})`,
    enTodo,
    `Open the ticket: ${i.link}`,
  ].join('\n');
  return { subject, text };
}
