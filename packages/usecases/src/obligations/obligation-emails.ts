import type { ObligationKind, Reminder } from '@weibao/domain';
import type { ObligationRecord } from '@weibao/store';

export const obligationKindNamesZh: Record<ObligationKind, string> = {
  inspection: '现场巡检',
  deliverables: '项目提交物',
  'quarterly-evaluation': '季度服务评价',
  'annual-evaluation': '年度服务评价',
  'clean-up': '日志与磁盘清理',
  'backup-restore-test': '备份恢复测试',
  'system-analysis': '系统分析与优化方案',
  training: '用户培训',
  feedback: '用户意见收集',
  payment: '付款节点开票',
};

const nameOf = (o: Pick<ObligationRecord, 'kind' | 'sequence'>) =>
  `${obligationKindNamesZh[o.kind]}（第${o.sequence}期）`;

const pointZh = (p: Reminder['point'], key: string) => {
  const n = /-(\d+)$/.exec(key)?.[1];
  return p === 'before' ? `还有${n}个工作日到期` : p === 'due' ? '今天到期' : `已逾期${n}个工作日`;
};
const pointEn = (p: Reminder['point'], key: string) => {
  const n = /-(\d+)$/.exec(key)?.[1];
  return p === 'before'
    ? `due in ${n} working days`
    : p === 'due'
      ? 'due today'
      : `overdue by ${n} working days`;
};

/** A reminder to the obligation's owner: what, when due, what proof, where to attach it. */
export function reminderEmail(i: {
  obligation: ObligationRecord;
  point: Reminder['point'];
  reminderKey: string;
  hospitalName: string;
  contractName: string;
  link: string;
}): { subject: string; text: string } {
  const o = i.obligation;
  const due = o.dueOn ?? o.nominalDueOn;
  return {
    subject: `【维保提醒】${i.hospitalName} ${nameOf(o)} ${pointZh(i.point, i.reminderKey)}（${due}）`,
    text: [
      `${i.hospitalName} · ${i.contractName}`,
      `义务：${nameOf(o)}，${pointZh(i.point, i.reminderKey)}，到期日 ${due}。`,
      `周期：${o.period.startsOn} 至 ${o.period.endsOn}`,
      `所需证明：${o.proof}`,
      `合同条款：${o.sourceText}`,
      `请在系统中上传证明或登记工作记录：`,
      i.link,
      '',
      '----',
      `${i.hospitalName} · ${i.contractName}`,
      `Obligation ${o.id} is ${pointEn(i.point, i.reminderKey)} (due ${due}).`,
      `Proof needed: see above. Attach it here: ${i.link}`,
    ].join('\n'),
  };
}

/** The quarter's evaluation request to the department's and IT center's evaluators. */
export function evaluationRequestEmail(i: {
  quarter: number;
  period: { startsOn: string; endsOn: string };
  hospitalName: string;
  contractName: string;
  link: string;
}): { subject: string; text: string } {
  return {
    subject: `【维保服务评价】${i.hospitalName} 第${i.quarter}季度维保服务评价（${i.period.startsOn} 至 ${i.period.endsOn}）`,
    text: [
      `${i.hospitalName} 使用科室与信息中心评价人：`,
      `${i.contractName} 第${i.quarter}季度（${i.period.startsOn} 至 ${i.period.endsOn}）已结束，请对本季度的服务水平与服务质量进行评价（附件1 维保服务评价报告）。`,
      `评价报告中的数量与金额由系统依据记录填写，请确认或提出异议：`,
      i.link,
      '',
      '----',
      `Quarter ${i.quarter} (${i.period.startsOn} to ${i.period.endsOn}) of ${i.contractName} has ended.`,
      `Please rate the service level and quality here: ${i.link}`,
    ].join('\n'),
  };
}

export interface DigestLine {
  hospitalName: string;
  contractName: string;
  obligation: ObligationRecord;
  overdue: boolean;
  link: string;
}

/** The service manager's morning list across hospitals: overdue first, then due this week. */
export function digestEmail(i: { day: string; through: string; lines: DigestLine[] }): {
  subject: string;
  text: string;
} {
  const overdue = i.lines.filter((l) => l.overdue);
  const soon = i.lines.filter((l) => !l.overdue);
  const line = (l: DigestLine) =>
    `- ${l.obligation.dueOn ?? l.obligation.nominalDueOn} ${l.hospitalName} · ${nameOf(l.obligation)} · ${l.link}`;
  return {
    subject: `【维保义务日报】${i.day}：逾期 ${overdue.length} 项，本周到期 ${soon.length} 项`,
    text: [
      `逾期（${overdue.length}）：`,
      ...(overdue.length ? overdue.map(line) : ['（无）']),
      '',
      `${i.day} 至 ${i.through} 到期（${soon.length}）：`,
      ...(soon.length ? soon.map(line) : ['（无）']),
      '',
      '----',
      `Obligations overdue: ${overdue.length}; due by ${i.through}: ${soon.length}. Lines as above.`,
    ].join('\n'),
  };
}
