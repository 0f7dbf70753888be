import type { Widen } from './messages.ts';

/** Texts of 暂停计时: the contract's opt-in, the ticket's pause, resume and the hospital's objection. */
export const pauseZh = {
  slaPause: {
    allowed: '允许暂停计时',
    allowedHint:
      '勾选后，工程师可在等待院方或第三方时暂停响应/上门/解决计时，院方可见并可提出异议；默认合同（CPOE）不允许暂停。',
    contractCard: '服务时限',
    pause: '暂停计时',
    resume: '恢复计时',
    object: '对暂停提出异议',
    reason: '暂停原因',
    reasonHelp: '例如：等待院方确认、等待第三方',
    objectionReason: '异议理由',
    objectionHelp: '提交后计时立即恢复，并通知服务经理核实。',
    resumeNote: '说明（选填）',
    banner: '计时已暂停',
    pausedTag: '已暂停',
    bannerText: (by: string, since: string, running: string, reason: string) =>
      `${by}于 ${since} 暂停计时，已暂停 ${running}。原因：${reason}`,
    hospitalHint: '如您认为不应暂停，可提出异议，计时将立即恢复。',
    pausedFor: (running: string) => `暂停计时 ${running}`,
    objected: '院方有异议',
    onContract: (allowed: boolean) =>
      allowed
        ? '允许暂停计时：工程师等待院方或第三方时可暂停，院方可见并可提出异议。'
        : '不允许暂停计时：各时限自书面报告起连续计算。',
  },
};

export const pauseEn: Widen<typeof pauseZh> = {
  slaPause: {
    allowed: 'Allow pausing the SLA clocks',
    allowedHint:
      'Engineers may pause the response, on-site and resolution clocks while waiting on the hospital or a third party; the hospital sees it and may object. The default contract (CPOE) allows no pause.',
    contractCard: 'Service times',
    pause: 'Pause the clock',
    resume: 'Resume the clock',
    object: 'Object to the pause',
    reason: 'Why the clock pauses',
    reasonHelp: 'e.g. waiting for the hospital to confirm, waiting for a third party',
    objectionReason: 'Why you object',
    objectionHelp: 'The clock runs again at once and the service manager is told.',
    resumeNote: 'Note (optional)',
    banner: 'The SLA clock is paused',
    pausedTag: 'Paused',
    bannerText: (by: string, since: string, running: string, reason: string) =>
      `${by} paused the clock at ${since}; paused for ${running}. Reason: ${reason}`,
    hospitalHint: 'If the pause is not justified, object: the clock runs again at once.',
    pausedFor: (running: string) => `paused ${running}`,
    objected: 'objected by the hospital',
    onContract: (allowed: boolean) =>
      allowed
        ? 'Pausing allowed: engineers may pause while waiting on the hospital or a third party; the hospital sees it and may object.'
        : 'No pausing: every clock runs from the written report without pause.',
  },
};
