/** Outcomes a use case reports; the HTTP layer maps each to a problem+json status. */
export type AppErrorKind =
  | 'not-found'
  | 'conflict'
  | 'invalid'
  | 'forbidden'
  | 'unavailable'
  /** A signed link that has expired or was used: it will never work again. */
  | 'gone'
  /** Well-formed but not acceptable as sent, e.g. an Idempotency-Key reused for another request. */
  | 'unprocessable'
  /** Too many requests in a window (a QR link's reports): the client may try again later. */
  | 'too-many';

export class AppError extends Error {
  constructor(
    readonly kind: AppErrorKind,
    message: string,
    readonly extra: { path?: string; currentVersion?: number; reason?: 'used' | 'expired' } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** What a use case names in English (`the contract`), as a person reads it: 合同. */
const subjects: Record<string, string> = {
  'the ticket': '工单',
  'the tickets': '工单',
  'the ticket list': '工单列表',
  'the queue': '工单队列',
  'the contract': '合同',
  'the contract record': '合同',
  'the contracts': '合同列表',
  'the hospital': '医院',
  'the hospitals': '医院列表',
  'the obligation': '履约事项',
  'the obligations': '履约事项',
  'the notice': '变更通知',
  'the notices': '变更通知',
  'the ledger': '扣款台账',
  'the ledger entry': '扣款记录',
  'the payment milestone': '付款节点',
  'the work record': '工作记录',
  'the work records': '工作记录',
  'the quarantine': '隔离邮件',
  'the quarantined message': '该隔离邮件',
  'the deliverables': '项目提交物',
  'the deliverables package': '本季度提交物',
  'the quarter’s package': '本季度提交物包',
  'the audit log': '审计日志',
  'the evaluation': '评价报告',
  'the inspection': '巡检记录',
  'the inspections': '巡检记录',
  'the inspection checklist': '巡检检查项',
  'the quarter analysis': '季度系统分析报告',
  'the feedback round': '满意度调查',
  'the feedback answer': '满意度答卷',
  'the calendar year': '节假日安排',
  'the vendor profile': '服务商信息',
  'the engineer’s assignment': '工程师的医院分配',
  'the person': '人员',
  'the channel': '通知渠道',
  'the channels': '通知渠道',
};

/** A use case's subject in Chinese; one it does not know keeps its words without "the". */
export function subjectZh(what: string): string {
  return subjects[what] ?? what.replace(/^the /, '');
}

export const notFound = (what: string) => new AppError('not-found', `${subjectZh(what)}不存在`);

/**
 * The identity provider already has this address as someone else's sign-in (another hospital, or
 * the vendor): an invitation may not take it over (Accounts.ensureUser).
 */
export class AccountConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccountConflictError';
  }
}
