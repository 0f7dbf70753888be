import type { Widen } from './messages.ts';

/** Texts of a hospital-side person's home page: what waits for them and their open tickets. */
export const homeZh = {
  home: {
    title: '我的待办',
    waiting: '等待您处理',
    nothingWaiting: '目前没有等待您处理的事项',
    kinds: {
      'rate-service-level': '待录入服务水平',
      'rate-service-quality': '待录入服务质量',
      'sign-evaluation': '待签署评价',
      'acknowledge-notice': '待确认变更通知',
      'confirm-proof': '待确认履约证明',
    } as Record<string, string>,
    openTickets: '本院未解决的工单',
    myOpenTickets: '我报告的未解决工单',
    noOpenTickets: '没有未解决的工单',
    report: '报障',
    quarterTitle: '本季度服务（合同季度）',
    faults: '故障',
    deductions: '扣款',
  },
};

export const homeEn: Widen<typeof homeZh> = {
  home: {
    title: 'My work',
    waiting: 'Waiting for you',
    nothingWaiting: 'Nothing is waiting for you',
    kinds: {
      'rate-service-level': 'Enter the service level',
      'rate-service-quality': 'Enter the service quality',
      'sign-evaluation': 'Sign the evaluation',
      'acknowledge-notice': 'Acknowledge the notice',
      'confirm-proof': 'Confirm the proof',
    },
    openTickets: 'Open tickets of this hospital',
    myOpenTickets: 'Open tickets I reported',
    noOpenTickets: 'No open tickets',
    report: 'Report a fault',
    quarterTitle: 'This quarter (contract quarter)',
    faults: 'Faults',
    deductions: 'Deductions',
  },
};
