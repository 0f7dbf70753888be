import type { TicketRecord } from '@weibao/store';

/** What a report says when it opens a ticket: who, what, when, through which channel. */
export type TicketReport = Pick<
  TicketRecord,
  | 'id'
  | 'hospitalId'
  | 'contractId'
  | 'number'
  | 'kind'
  | 'severity'
  | 'severityConfirmed'
  | 'channel'
  | 'subsystemId'
  | 'title'
  | 'description'
  | 'reporter'
  | 'reportedAt'
  | 'flags'
>;

/**
 * A ticket as it is opened, by form, phone or email alike: nothing answered, timed or booked yet.
 * One place, so a field added to the ticket starts the same for every channel.
 */
export function newTicket(report: TicketReport, at: string): TicketRecord {
  return {
    ...report,
    assignee: null,
    status: 'new',
    respondedAt: null,
    onSiteRequestedAt: null,
    onSiteAt: null,
    resolvedAt: null,
    closedAt: null,
    resolutionTargetAt: null,
    attribution: null,
    nextDeadline: null,
    nextDeadlineFor: null,
    slaMarks: [],
    deductionIds: [],
    pendingEscalations: [],
    lastEventSeq: 1,
    version: 1,
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
  };
}
