/**
 * The fields of audited records by the names people use for them, so the audit log says
 * 合同名称：旧 → 新 instead of `terms.name`. A path with a segment not named here is a system field
 * (versions, keys, bookkeeping): counted, and readable only in the record's technical details.
 */
export const auditFieldNamesZh: Record<string, string> = {
  // hospitals
  name: '名称',
  code: '工单前缀',
  campuses: '院区',
  intakeLocalPart: '报障邮箱',
  // contracts and their terms
  terms: '合同条款',
  number: '编号',
  coveredSystem: '维保系统',
  startsOn: '开始日期',
  endsOn: '结束日期',
  signedOn: '签订日期',
  termMonths: '服务期（月）',
  totalFen: '合同总额',
  subsystems: '子系统',
  amountFen: '金额',
  contacts: '联系人',
  escalationContacts: '升级联系人',
  serviceManager: '服务经理',
  itCenter: '信息中心',
  department: '科室',
  email: '邮箱',
  phone: '电话',
  slaTargets: 'SLA 目标',
  responseMinutes: '响应时限（分钟）',
  onSiteMinutes: '到场时限（分钟）',
  resolutionMinutes: '解决时限（分钟）',
  deductionRules: '扣款规则',
  rateBp: '比例',
  capBp: '上限比例',
  capFen: '上限金额',
  paymentMilestones: '付款节点',
  shareBp: '比例',
  status: '状态',
  // people and channels
  role: '角色',
  state: '状态',
  hospitalIds: '医院',
  contracts: '合同',
  enabled: '启用',
  events: '事件',
  kind: '类型',
  label: '名称',
  webhookUrl: '机器人地址',
  lastError: '最近错误',
  // tickets
  title: '标题',
  description: '描述',
  severity: '严重程度',
  subsystemId: '子系统',
  reporter: '报告人',
  reportedAt: '报告时间',
  assignee: '负责人',
  respondedAt: '响应时间',
  onSiteRequestedAt: '要求到场时间',
  onSiteAt: '到场时间',
  resolvedAt: '解决时间',
  closedAt: '关闭时间',
  resolutionTargetAt: '约定解决时间',
  attribution: '责任认定',
  // change requests (需求变更)
  change: '需求变更',
  progress: '进度',
  approved: '批准',
  completedAt: '完成时间',
  cause: '原因',
  note: '说明',
  text: '内容',
  reason: '理由',
  // obligations, deliverables, evaluations, payments, ledger
  dueOn: '到期日',
  doneOn: '完成日期',
  doneAt: '完成时间',
  acceptance: '院方确认',
  objectionUntil: '异议截止日',
  submittedAt: '提交时间',
  proof: '证明',
  proofs: '证明材料',
  fileName: '文件名',
  owner: '负责方',
  items: '事项',
  spotChecks: '抽查',
  sampled: '抽查数',
  passed: '合格数',
  adverseEvents: '不良事件数',
  serviceLevel: '服务水平',
  serviceQuality: '服务质量',
  rating: '评价结果',
  overall: '总评',
  signatures: '签署',
  signedAt: '签署时间',
  disputes: '异议',
  outcome: '结论',
  upheld: '成立',
  decidedAt: '裁定时间',
  invoiceNumber: '发票号',
  invoiceSentOn: '开票日期',
  invoiceReceivedOn: '收票日期',
  paidOn: '付款日期',
  paidFen: '已付金额',
  auditedTotalFen: '审定总额',
  manualDecision: '人工决定',
  decision: '决定',
  holidays: '放假日期',
  makeUpWorkdays: '调休上班日',
  noticeDate: '通知日期',
  windowStart: '开始时间',
  windowEnd: '结束时间',
  acknowledgedAt: '确认时间',
};

const isIndex = (segment: string) => /^\d+$/.test(segment);

/** The Chinese name of a changed path (`terms.contacts.0.phone` → 合同条款 · 联系人 第1项 · 电话). */
export function auditFieldNameZh(path: string): string | null {
  const parts: string[] = [];
  for (const segment of path.split('.')) {
    if (isIndex(segment)) {
      if (parts.length === 0) return null;
      parts[parts.length - 1] += ` 第${Number(segment) + 1}项`;
      continue;
    }
    const name = auditFieldNamesZh[segment];
    if (!name) return null;
    parts.push(name);
  }
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** The value at a dotted path of a record. */
export function valueAt(record: unknown, path: string): unknown {
  let at: unknown = record;
  for (const segment of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[segment];
  }
  return at;
}

const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/**
 * A value as the audit log shows it: money in ¥, basis points in %, instants in 北京时间, yes/no in
 * Chinese, a list or object as its labelled short form. `path` is the field's path.
 */
export function auditValueZh(
  value: unknown,
  path: string,
  /** Names of coded values by field (role, severity, status …). */
  codes: Record<string, Record<string, string>> = {},
): string {
  const leaf =
    path
      .split('.')
      .filter((s) => !isIndex(s))
      .at(-1) ?? '';
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' && codes[leaf]?.[value]) return codes[leaf][value];
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') {
    if (leaf.endsWith('Fen'))
      return `¥${(value / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    if (leaf.endsWith('Bp')) return `${(value / 100).toLocaleString('zh-CN')}%`;
    return String(value);
  }
  if (typeof value === 'string') {
    if (instant.test(value)) {
      const shifted = new Date(Date.parse(value) + 8 * 3_600_000).toISOString();
      return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => auditValueZh(v, path, codes)).join('、') || '—';
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    // A person or a named thing reads by its name (and e-mail), never by its id.
    if (typeof o.name === 'string')
      return typeof o.email === 'string' && o.email ? `${o.name}（${o.email}）` : o.name;
    if (typeof o.title === 'string') return o.title;
    const named = Object.entries(o)
      .map(([k, v]) => {
        const label = auditFieldNamesZh[k];
        return label && (typeof v !== 'object' || v === null)
          ? `${label}：${auditValueZh(v, k, codes)}`
          : null;
      })
      .filter((x): x is string => x !== null);
    return named.length > 0 ? named.join('，') : '（详见技术详情）';
  }
  return String(value);
}
