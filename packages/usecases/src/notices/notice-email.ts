import { toEpochMs } from '@weibao/domain';
import type { AdvanceNoticeRecord } from '@weibao/store';
import { shanghaiTime } from '../tickets/escalation-email.ts';

export interface NoticeEmailInput {
  notice: AdvanceNoticeRecord;
  hospitalName: string;
  /** The affected subsystems by name; empty: the whole covered system. */
  subsystemNames: string[];
  /** The covered system, named when no subsystem is. */
  coveredSystem: string | null;
  /** The signed acknowledge link of this recipient. */
  link: string;
  linkExpiresAt: string;
}

/** 提前通知 as an email: Chinese first, English below; what changes, when, and how to acknowledge. */
export function noticeEmail(i: NoticeEmailInput): { subject: string; text: string } {
  const n = i.notice;
  const window = `${shanghaiTime(n.windowStart)} — ${shanghaiTime(n.windowEnd)}`;
  const utc = (iso: string) => new Date(toEpochMs(iso)).toISOString();
  const zhScope =
    i.subsystemNames.length > 0
      ? i.subsystemNames.join('、')
      : `整个系统（${i.coveredSystem ?? '—'}）`;
  const enScope =
    i.subsystemNames.length > 0
      ? i.subsystemNames.join(', ')
      : `the whole system (${i.coveredSystem ?? '—'})`;
  const text = [
    `${i.hospitalName} 信息中心：`,
    `我方计划进行以下变更，特此提前通知。`,
    `标题：${n.title}`,
    `时间窗口：${window}`,
    `影响范围：${zhScope}`,
    `说明：`,
    n.description,
    '',
    `请点击以下链接确认已收到本通知（链接仅可使用一次，${shanghaiTime(i.linkExpiresAt)}前有效）：`,
    i.link,
    `信息中心也可以登录系统，在“提前通知”中确认。`,
    '',
    '----',
    `To the IT center of ${i.hospitalName}:`,
    `We plan the following change and announce it in advance.`,
    `Title: ${n.title}`,
    `Window: ${utc(n.windowStart)} — ${utc(n.windowEnd)} (${window})`,
    `Affected: ${enScope}`,
    `Description: see above.`,
    '',
    `Please acknowledge this notice with the link below (it works once, until ${utc(i.linkExpiresAt)}):`,
    i.link,
    `The IT center can also acknowledge it in the app, under advance notices.`,
  ].join('\n');
  return { subject: `【提前通知】${n.title} / Advance notice: planned change`, text };
}
