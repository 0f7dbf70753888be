import type { TicketRecord } from '@weibao/store';

/**
 * An open serious fault of a hospital, numbered `n` and reported `n` minutes after 01:00 UTC on
 * 4 December 2026, for seeding queues; its next deadline is `nextDeadline` (default: its report).
 */
export function openTicket(hospitalId: string, n: number, nextDeadline?: string): TicketRecord {
  const at = new Date(Date.UTC(2026, 11, 4, 1, n)).toISOString();
  return {
    id: `01KB${String(n).padStart(22, '0')}`,
    hospitalId,
    contractId: 'c1',
    number: `T-2026-${String(n).padStart(5, '0')}`,
    kind: 'fault',
    severity: 'serious',
    severityConfirmed: true,
    channel: 'phone',
    subsystemId: 's1',
    title: `故障 ${n}`,
    description: '',
    reporter: { name: '刘洋', email: null, phone: null, sub: null },
    reportedAt: at,
    assignee: null,
    status: 'new',
    respondedAt: null,
    onSiteRequestedAt: null,
    onSiteAt: null,
    resolvedAt: null,
    closedAt: null,
    resolutionTargetAt: null,
    attribution: null,
    nextDeadline: nextDeadline ?? at,
    slaMarks: [],
    deductionIds: [],
    pendingEscalations: [],
    flags: [],
    lastEventSeq: 1,
    version: 1,
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
  };
}
