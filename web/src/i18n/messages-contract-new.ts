/** Texts of the new-contract page (合同从模板新建) and of a contract that cannot send its mail. */
export const contractNewZh = {
  contractNew: {
    button: '新建合同',
    title: '新建维保合同',
    hint: '从合同模板开始：模板带有 SLA 时限、扣款规则及其合同条款原文；填写本院的期限、金额与联系人后保存。',
    template: '合同模板',
    termMonths: (m: number) => `${m} 个月`,
    startsOn: '服务开始日期',
    endsOn: '服务结束日期',
    totalYuan: '合同总额（元）',
    amountYuan: '金额（元）',
    invalidYuan: '请输入金额（元），最多两位小数',
    endsBeforeStart: '服务结束日期不能早于开始日期',
    sumMatches: (sum: string) => `子系统金额合计 ${sum}，与合同总额一致`,
    sumShort: (sum: string, diff: string) => `子系统金额合计 ${sum}，比合同总额少 ${diff}`,
    sumOver: (sum: string, diff: string) => `子系统金额合计 ${sum}，比合同总额多 ${diff}`,
    sumBlocks: '子系统金额合计须等于合同总额后才能保存。',
    rulesHint: '以下规则来自模板，保存后可在合同页查看；如需不同规则，请先选用合适的模板。',
    serviceManager: '服务经理（提醒接收人）',
    serviceManagerHint: '厂商负责本合同的服务经理：维保义务到期提醒、SLA 即将超时提醒发给此人。',
    escalationHint: '医院方升级联系人：SLA 超时升级通知发给这些人，至少一位。',
    needOneContact: '至少添加一位升级联系人',
    created: (name: string) => `已创建合同“${name}”`,
    noTemplates: '暂无合同模板',
    invalidField: '内容不符合要求',
    missingTitle: '该合同的提醒和通知无法发送',
    missingManager: '该合同没有服务经理，维保义务提醒和 SLA 即将超时提醒无法发送。',
    missingEscalation: '该合同没有升级联系人，SLA 超时升级通知无法发送。',
    missingFix: '请在编辑合同中补充。',
  },
};

export const contractNewEn: typeof contractNewZh = {
  contractNew: {
    button: 'New contract',
    title: 'New maintenance contract',
    hint: 'Start from a contract template: it carries the SLA targets and deduction rules with their clauses. Fill in this hospital’s term, amounts and contacts, then save.',
    template: 'Contract template',
    termMonths: (m: number) => `${m} months`,
    startsOn: 'Service starts on',
    endsOn: 'Service ends on',
    totalYuan: 'Contract total (CNY)',
    amountYuan: 'Amount (CNY)',
    invalidYuan: 'Enter an amount in CNY with at most two decimals',
    endsBeforeStart: 'The term cannot end before it starts',
    sumMatches: (sum: string) => `Subsystem amounts add up to ${sum}, the contract total`,
    sumShort: (sum: string, diff: string) =>
      `Subsystem amounts add up to ${sum}, ${diff} less than the contract total`,
    sumOver: (sum: string, diff: string) =>
      `Subsystem amounts add up to ${sum}, ${diff} more than the contract total`,
    sumBlocks: 'The subsystem amounts must add up to the contract total before saving.',
    rulesHint:
      'These rules come from the template and show on the contract page once saved; for other rules choose another template.',
    serviceManager: 'Service manager (receives reminders)',
    serviceManagerHint:
      'The vendor’s service manager of this contract: obligation reminders and SLA at-risk warnings go to this person.',
    escalationHint:
      'The hospital’s escalation contacts: SLA breach notices go to them; at least one.',
    needOneContact: 'Add at least one escalation contact',
    created: (name: string) => `Contract “${name}” created`,
    noTemplates: 'No contract templates',
    invalidField: 'Not accepted',
    missingTitle: 'This contract’s reminders and notices cannot be sent',
    missingManager:
      'The contract has no service manager: obligation reminders and SLA at-risk warnings cannot be sent.',
    missingEscalation:
      'The contract has no escalation contacts: SLA breach notices cannot be sent.',
    missingFix: 'Add them in Edit contract.',
  },
};
