import { formatFen } from '@weibao/domain';
import type { EvaluationRecord } from '@weibao/store';
import { shanghaiTime } from '../tickets/escalation-email.ts';

export interface EvaluationEmailInput {
  evaluation: EvaluationRecord;
  hospitalName: string;
  contractName: string;
  section: 'serviceLevel' | 'serviceQuality';
  evaluatorName: string;
  link: string;
  linkExpiresAt: string;
}

const periodZh = (e: EvaluationRecord) =>
  e.period.kind === 'annual' ? '年度' : `第${e.period.index}季度`;

/** The request to enter one section of a 维保服务评价报告: Chinese first, English below. */
export function evaluationEmail(i: EvaluationEmailInput): { subject: string; text: string } {
  const e = i.evaluation;
  const f = e.figures;
  const zhSection =
    i.section === 'serviceLevel' ? '服务水平评价（使用科室）' : '服务质量评价（信息中心）';
  const enSection =
    i.section === 'serviceLevel'
      ? 'service level (the using department)'
      : 'service quality (the IT center)';
  const faults = f.vendorFaultsWithoutNotice;
  const text = [
    `${i.evaluatorName}：`,
    `${i.hospitalName}《${i.contractName}》${periodZh(e)}维保服务评价报告（${e.period.startsOn} 至 ${e.period.endsOn}）请您填写${zhSection}：服务效果抽查数、合格数和因服务问题导致的不良事件数。`,
    `系统记录：响应大于1小时 ${f.lateResponses} 次（扣款 ${formatFen(f.lateResponseDeductionFen)} 元）；因乙方未提前通知导致的故障 致命 ${faults.fatal} 次、严重 ${faults.serious} 次、一般 ${faults.minor} 次（扣款 ${formatFen(f.vendorFaultDeductionFen)} 元）。`,
    '',
    `请点击以下链接填写（链接仅可使用一次，${shanghaiTime(i.linkExpiresAt)}前有效）：`,
    i.link,
    '也可以登录系统，在该合同的“服务评价”中填写。',
    '',
    '----',
    `To ${i.evaluatorName}:`,
    `Please enter the ${enSection} part of the ${e.period.kind === 'annual' ? 'annual' : `quarter ${e.period.index}`} service evaluation of ${i.hospitalName} (${e.period.startsOn} to ${e.period.endsOn}): spot checks sampled and passed, and adverse events caused by the service.`,
    `On record: ${f.lateResponses} responses later than one hour; vendor-caused faults without notice: ${faults.fatal} fatal, ${faults.serious} serious, ${faults.minor} minor.`,
    `The link works once, until ${new Date(i.linkExpiresAt).toISOString()}:`,
    i.link,
  ].join('\n');
  return {
    subject: `【服务评价】${i.hospitalName} ${periodZh(e)}维保服务评价 / Service evaluation`,
    text,
  };
}
