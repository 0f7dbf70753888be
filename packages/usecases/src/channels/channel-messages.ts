import type { TicketChannelNotice, TicketRecord } from '@weibao/store';
import type { ChannelMessage } from '../ports.ts';
import { shanghaiTime } from '../tickets/escalation-email.ts';

const clockZh = { response: '响应', 'on-site': '上门', resolution: '解决' } as const;
const severityZh = { fatal: '致命', serious: '严重', minor: '一般' } as const;

/**
 * Text a person typed, made inert in the robots' markdown: the characters that would start a
 * link, emphasis, a heading, a quote or an HTML tag (WeCom's <font>) become their full-width
 * twins, which read the same in Chinese text.
 */
export function inertMarkdown(s: string): string {
  const twins: Record<string, string> = {
    '*': '＊',
    _: '＿',
    '[': '［',
    ']': '］',
    '(': '（',
    ')': '）',
    '<': '＜',
    '>': '＞',
    '`': '｀',
    '#': '＃',
    '~': '～',
    '|': '｜',
  };
  return s.replace(/[*_[\]()<>`#~|]/g, (c) => twins[c] ?? c).replace(/\s+/g, ' ');
}

/**
 * Every message ends with this line: a DingTalk robot whose security setting is a custom keyword
 * accepts only messages containing it, and 维保 is the keyword the channel page tells people to set.
 */
export const channelKeywordLine = '—— 维保系统（weibao）';

function message(title: string, lines: string[], link: string | null): ChannelMessage {
  const text = [
    `**${title}**`,
    '',
    ...lines.map((l) => `> ${l}`),
    '',
    ...(link ? [`[打开详情](${link})`, ''] : []),
    channelKeywordLine,
  ].join('\n');
  return { title, text };
}

/**
 * A ticket's message: the number people quote on the phone, the title, and the deadline in
 * 北京时间 (never an internal id): 【致命故障】工单 WHZX-2026-00042 住院医生站停机，响应时限 …
 */
export function ticketChannelMessage(i: {
  notice: TicketChannelNotice;
  ticket: Pick<TicketRecord, 'number' | 'title' | 'severity' | 'severityConfirmed' | 'reportedAt'>;
  hospitalName: string;
  clock: 'response' | 'on-site' | 'resolution';
  deadline: string | null;
  link: string;
}): ChannelMessage {
  const t = i.ticket;
  const title = inertMarkdown(t.title);
  const zhClock = clockZh[i.clock];
  const when = i.deadline ? shanghaiTime(i.deadline) : null;
  const head =
    i.notice === 'opened'
      ? `【${severityZh[t.severity]}故障】工单 ${t.number} ${title}${when ? `，${zhClock}时限 ${when}` : ''}`
      : i.notice === 'at-risk'
        ? `【${zhClock}即将超时】工单 ${t.number} ${title}${when ? `，${zhClock}时限 ${when}` : ''}`
        : `【${zhClock}已超时】工单 ${t.number} ${title}${when ? `，${zhClock}时限 ${when}已过` : ''}`;
  return message(
    head,
    [
      `医院：${inertMarkdown(i.hospitalName)}`,
      `严重程度：${severityZh[t.severity]}${t.severityConfirmed ? '' : '（初步判断，待工程师确认）'}`,
      `报告时间：${shanghaiTime(t.reportedAt)}`,
      ...(when ? [`${zhClock}时限：${when}`] : []),
    ],
    i.link,
  );
}

/** An obligation reminder, as its e-mail's subject says it. */
export function reminderChannelMessage(i: {
  subject: string;
  hospitalName: string;
  contractName: string;
  link: string;
}): ChannelMessage {
  return message(
    inertMarkdown(i.subject),
    [`医院：${inertMarkdown(i.hospitalName)}`, `合同：${inertMarkdown(i.contractName)}`],
    i.link,
  );
}

/** A quarter's evaluation request: the evaluators each have their own link by e-mail. */
export function evaluationRequestChannelMessage(i: {
  quarter: number;
  period: { startsOn: string; endsOn: string };
  hospitalName: string;
  contractName: string;
  link: string;
}): ChannelMessage {
  return message(
    `【维保服务评价】${inertMarkdown(i.hospitalName)} 第${i.quarter}季度维保服务评价（${i.period.startsOn} 至 ${i.period.endsOn}）`,
    [
      `合同：${inertMarkdown(i.contractName)}`,
      '本季度已结束，请使用科室与信息中心评价人按邮件中的链接完成评价。',
    ],
    i.link,
  );
}
