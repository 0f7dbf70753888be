import { type ContractTemplate, logCleanUpReading } from './template.ts';

/**
 * The default template: 武汉市中心医院 2026年信息化项目售后维保（CPOE）, from the procurement
 * document in shared/seed. Each rule carries the clause it implements, quoted with its place in
 * the document; a rule's `reading` says how a vague clause was read. The document gives no
 * per-subsystem amounts, so contracts from this template split the total evenly.
 */
export const seedCpoeTemplate: ContractTemplate = {
  id: 'seed-cpoe',
  name: '2026年信息化项目售后维保（CPOE）',
  // 合同履行期限：自合同签订之日起一年
  termMonths: 12,
  // 项目预算：18.8万元
  defaultTotalFen: 18_800_000,
  // 自甲方向乙方发出书面报告错误之时起计: the document allows no pause of the clocks.
  slaPauseAllowed: false,
  coveredSystem: '住院医生工作站系统病历医嘱一体化系统（CPOE）',
  subsystemNames: [
    '住院医生医嘱系统',
    '临床路径系统',
    '临床数据检索系统',
    '住院病历质控',
    '会诊闭环改造',
    '结构化模板改造',
    '六级相关闭环改造',
    '接口',
  ],
  slaTargets: [
    {
      severity: 'fatal',
      responseMinutes: 60,
      onSiteMinutes: 120,
      resolutionMinutes: 120,
      sourceText:
        '服务方式：致命错误（Fatal）｜响应时间 1个小时｜研究解决方法并力争尽快解决，最长不得超过2个小时。总体要求(4)：紧急情况下2小时内安排技术工程师上门服务。',
    },
    {
      severity: 'serious',
      responseMinutes: 120,
      onSiteMinutes: 120,
      resolutionMinutes: 240,
      sourceText:
        '服务方式：严重错误（Serious）｜响应时间 2个小时｜尽快修正，或提交Service Pack。总体要求(4)：紧急情况下2小时内安排技术工程师上门服务，4小时内解决问题。',
    },
    {
      severity: 'minor',
      responseMinutes: 240,
      onSiteMinutes: null,
      resolutionMinutes: null,
      sourceText: '服务方式：一般错误（Minor）｜响应时间 4个小时｜以Service Pack修正。',
    },
  ],
  deductionRules: [
    {
      id: 'late-response',
      trigger: 'late-response',
      severity: null,
      thresholdMinutes: 60,
      base: 'contract-total',
      rateBp: 100,
      capFen: null,
      sourceText:
        '附件1 服务质量评价：1.服务响应效率：大于1小时次数  次。响应问题及处理问题时间大于1小时一次，则扣减1%合同款，按次数累计。',
    },
    {
      id: 'vendor-fault-fatal',
      trigger: 'vendor-fault-without-notice',
      severity: 'fatal',
      thresholdMinutes: null,
      base: 'subsystem-amount',
      rateBp: 500,
      capFen: null,
      sourceText:
        '附件1 服务质量评价：2.因乙方未提前通知导致甲方系统故障：一次致命故障扣罚子系统合同金额的5%。',
    },
    {
      id: 'vendor-fault-serious',
      trigger: 'vendor-fault-without-notice',
      severity: 'serious',
      thresholdMinutes: null,
      base: 'subsystem-amount',
      rateBp: 300,
      capFen: null,
      sourceText:
        '附件1 服务质量评价：2.因乙方未提前通知导致甲方系统故障：一次严重故障扣罚子系统合同金额的3%。',
    },
    {
      id: 'vendor-fault-minor',
      trigger: 'vendor-fault-without-notice',
      severity: 'minor',
      thresholdMinutes: null,
      base: 'subsystem-amount',
      rateBp: 100,
      capFen: null,
      sourceText:
        '附件1 服务质量评价：2.因乙方未提前通知导致甲方系统故障：一次一般故障扣罚子系统合同金额的1%。',
    },
  ],
  paymentMilestones: [
    {
      id: 'first',
      kind: 'first',
      shareBp: 3000,
      invoiceableWhen: { kind: 'signed' },
      requiresQualifiedEvaluations: false,
      requiresDeliverables: false,
      payWithinWorkingDays: 10,
      sourceText:
        '商务要求（二）(1) 首付款：合同签订完毕，甲方收到乙方开具相应税票后的10个工作日内，甲方向乙方支付合同总金额的30%作为首付款。',
    },
    {
      id: 'progress',
      kind: 'progress',
      shareBp: 3000,
      invoiceableWhen: { kind: 'after-months', months: 6 },
      requiresQualifiedEvaluations: true,
      requiresDeliverables: true,
      payWithinWorkingDays: 10,
      sourceText:
        '商务要求（二）(2) 进度款：服务期满6个月，前序季度《维保服务评价报告》均为合格及以上，并提交所有项目提交物后，甲方收到乙方开具相应税票后的10个工作日内，甲方向乙方支付合同总金额的30%作为进度款；若存在《维保服务评价报告》不合格情况，按监理和审计出具报告执行。',
    },
    {
      id: 'final',
      kind: 'final',
      shareBp: 10_000,
      invoiceableWhen: { kind: 'term-end' },
      requiresQualifiedEvaluations: true,
      requiresDeliverables: true,
      payWithinWorkingDays: 10,
      sourceText:
        '商务要求（二）(3) 验收款：合同约定的服务期满后，前序季度《维保服务评价报告》均为合格及以上，并提交所有项目提交物后，进行审计，经审计确认且甲方收到乙方开具相应税票后的10个工作日内，甲方支付至总合同审定金额的100%给乙方；若存在《维保服务评价报告》不合格情况，按监理和审计出具报告执行。',
    },
  ],
  liquidatedDamages: {
    rateBp: 100,
    perWorkingDays: 5,
    capBp: 1000,
    blocks: 'whole',
    sourceText:
      '商务要求（四）违约责任：乙方签署合同但不提供相应的技术维护服务，或甲方评价乙方服务合格，但拒绝支付服务费用的情况，视为违约。违约方需向对方支付违约金，违约金每5个工作日为合同总价的1%，违约金的总额不超过合同总价的10%。',
  },
  evaluation: {
    excellentBp: 10_000,
    goodBp: 9000,
    qualifiedBp: 8000,
    sourceText:
      '附件1 服务效果抽查合格率：达到100%为优秀，≥90%为良好，≥80%为合格，＜80%为不合格。因服务问题导致的不良事件发生，服务期间评价直接给予不合格评价。',
  },
  renewalLimit: 2,
  renewalSourceText:
    '商务要求（三）服务续签：本服务期满后，甲方根据上一年内的服务质量，对乙方服务质量进行考评（详见附件《服务评价报告》），如考评结果合格，甲乙双方无异议可参照上一年度条款续签服务合同，最多可续签2次。',
  obligations: [
    {
      kind: 'inspection',
      cadence: 'quarterly',
      owner: 'support-engineer',
      proof: '巡检单（一式两份），使用科室和信息中心负责人签字',
      sourceText:
        '总体要求(6)：提供每季度一次的系统巡检服务……每次服务结束后需提供一式两份的书面的巡检单或维护单并请使用科室和信息中心负责人签字确认。',
    },
    {
      kind: 'deliverables',
      cadence: 'quarterly',
      owner: 'service-manager',
      proof:
        '巡检报告、系统应用效果评价报告，及（如有）会议纪要、需求变更改造清单、培训记录、调优记录',
      sourceText:
        '商务要求（一）项目提交物：服务期每三个月，乙方向甲方提交项目交付物，包括但不限于：巡检报告、系统应用效果评价报告（见附件1）、需求沟通会议纪要（如有）、需求变更改造清单（如有）、用户培训记录（如有）、系统调优记录（如有）。',
    },
    {
      kind: 'quarterly-evaluation',
      cadence: 'quarterly',
      owner: 'service-manager',
      proof: '签字盖章的《维保服务评价报告》',
      sourceText:
        '商务要求（一）：服务期每三个月，乙方向甲方提交项目交付物，包括……系统应用效果评价报告（见附件1）。',
    },
    {
      kind: 'clean-up',
      cadence: 'monthly',
      owner: 'support-engineer',
      proof: '工作记录',
      sourceText:
        '售后服务内容（5）数据库支持服务：……每月清理服务器系统日志文件，磁盘垃圾、碎片文件等。',
      reading: logCleanUpReading,
    },
    {
      kind: 'backup-restore-test',
      cadence: 'quarterly',
      owner: 'support-engineer',
      proof: '恢复测试记录及结果',
      sourceText:
        '总体要求(5)：数据备份与恢复：定期备份系统数据，并进行数据恢复测试，确保数据的完整性和可用性，防止数据丢失或损坏。',
      reading: '解读：“定期”按每季度一次，每次留存恢复测试记录及结果。',
    },
    {
      kind: 'system-analysis',
      cadence: 'half-yearly',
      owner: 'service-manager',
      proof: '系统分析及优化扩展方案',
      sourceText:
        '总体要求(9)：需定期对院方现有系统进行分析，并及时针对院方系统使用科室的实际工作需求提供系统优化扩展方案。',
      reading: '解读：“定期”按每半年一次，提交系统分析及优化扩展方案。',
    },
    {
      kind: 'training',
      cadence: 'half-yearly',
      owner: 'support-engineer',
      proof: '培训记录及参训人员',
      sourceText:
        '总体要求(12)：用户培训和支持：定期开展系统使用培训和技术支持工作。总体要求(7)：根据需要随时为医院相关人员提供产品功能和使用培训。',
      reading: '解读：“定期”按每半年一次；“根据需要随时”的培训以工单提出，不在此排期。',
    },
    {
      kind: 'feedback',
      cadence: 'quarterly',
      owner: 'service-manager',
      proof: '用户反馈汇总',
      sourceText: '用户支持：收集反馈：定期收集用户对软件系统的使用反馈，了解用户需求和痛点。',
      reading: '解读：“定期”按每季度一次，随当季项目提交物提交。',
    },
    {
      kind: 'annual-evaluation',
      cadence: 'end-of-term',
      owner: 'service-manager',
      proof: '年度评价报告，包含用户评价以及存在的问题和改进建议',
      sourceText:
        '其他要求(2) 评价报告：对软件维保服务进行评价后，应编制评价报告，包含用户评价以及存在的问题和改进建议。商务要求（三）：本服务期满后，甲方根据上一年内的服务质量，对乙方服务质量进行考评。',
      reading: '解读：服务期最后一日到期，供续签考评使用。',
    },
  ],
};
