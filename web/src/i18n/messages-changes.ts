import type { Widen } from './messages.ts';

/** Texts of change requests (需求变更, 病历模板修改): approval, requested date, progress. */
export const changesZh = {
  changes: {
    title: '需求变更审批',
    reportTitle: '提出需求',
    reportHint:
      '请描述需要修改或新增的内容，并填写要求完成日期。提交后由信息中心审批，批准后厂商实施。',
    reportSubmit: '提交需求',
    dueOn: '要求完成日期',
    approval: '审批',
    progress: '进度',
    decidedBy: '审批人',
    declineReason: '拒绝原因',
    completedOn: '完成日期',
    overdue: '逾期',
    notSet: '未填写',
    approve: '批准',
    decline: '拒绝',
    start: '开始实施',
    finish: '实施完成',
    moveDueOn: '修改要求完成日期',
    approveConfirm: '批准后，厂商即可开始实施。',
    finishConfirm: '确认该需求已实施完成？',
    startConfirm: '确认开始实施该需求？',
    dueOnHelp: '北京时间日期；需求变更和病历模板修改须填写',
    filter: '全部需求变更状态',
    anyChange: '所有需求变更',
    approvals: { pending: '待审批', approved: '已批准', declined: '已拒绝' } as Record<
      string,
      string
    >,
    progresses: {
      pending: '待审批',
      approved: '已批准',
      'in-progress': '实施中',
      done: '已完成',
      declined: '已拒绝',
    } as Record<string, string>,
    events: {
      created: '提出需求',
      'change-approval': '需求变更审批',
      'change-progress': '实施进度',
      'change-due-date': '修改要求完成日期',
    } as Record<string, string>,
    decisions: { approve: '批准', decline: '拒绝' } as Record<string, string>,
  },
};

export const changesEn: Widen<typeof changesZh> = {
  changes: {
    title: 'Change approval',
    reportTitle: 'Request a change',
    reportHint:
      'Describe what to change or add and the date it is needed by. The IT center approves it before the vendor works on it.',
    reportSubmit: 'Submit request',
    dueOn: 'Requested by',
    approval: 'Approval',
    progress: 'Progress',
    decidedBy: 'Decided by',
    declineReason: 'Reason declined',
    completedOn: 'Completed on',
    overdue: 'Overdue',
    notSet: 'Not set',
    approve: 'Approve',
    decline: 'Decline',
    start: 'Start work',
    finish: 'Work done',
    moveDueOn: 'Change requested date',
    approveConfirm: 'Once approved, the vendor may start the work.',
    finishConfirm: 'Confirm the change is done?',
    startConfirm: 'Confirm work on this change starts?',
    dueOnHelp: 'A Beijing date; required for change requests and template changes',
    filter: 'Any change state',
    anyChange: 'All change requests',
    approvals: { pending: 'Pending', approved: 'Approved', declined: 'Declined' },
    progresses: {
      pending: 'Pending approval',
      approved: 'Approved',
      'in-progress': 'In progress',
      done: 'Done',
      declined: 'Declined',
    },
    events: {
      created: 'Requested',
      'change-approval': 'Change decision',
      'change-progress': 'Change progress',
      'change-due-date': 'Requested date changed',
    },
    decisions: { approve: 'Approved', decline: 'Declined' },
  },
};
