import { toEpochMs } from '../time/instant.ts';
import type { Severity } from '../contract.ts';
import { openTicketStatuses, type TicketStatus } from './ticket.ts';
import { statusAfter } from './ticket-status.ts';

/** Who answers for a ticket (负责人). */
export interface TicketAssignee {
  sub: string;
  email: string | null;
  name: string;
}

/** Who caused the fault, as the review decided (事后分析), and on which event. */
export interface TicketAttribution {
  eventSeq: number;
  decidedAt: string;
  cause: 'vendor' | 'hospital' | 'third-party' | 'unknown';
  subsystemId: string;
  advanceNoticeId: string | null;
}

/** What of a ticket its events change: the lifecycle's own fields, nothing of storage. */
export interface LifecycleTicket {
  reportedAt: string;
  status: TicketStatus;
  severity: Severity;
  severityConfirmed: boolean;
  respondedAt: string | null;
  onSiteRequestedAt: string | null;
  onSiteAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  resolutionTargetAt: string | null;
  assignee: TicketAssignee | null;
  attribution: TicketAttribution | null;
  /** 暂停计时 running since then (contracts that allow it); absent or null: the clocks run. */
  pausedAt?: string | null | undefined;
  lastEventSeq: number;
  version: number;
}

/**
 * An event as it changes a ticket. `at` is when it happened (given by the person, e.g. a phone
 * response recorded later); absent, it happened at `now`.
 */
export type LifecycleEvent =
  | { type: 'comment' }
  | { type: 'response'; at?: string | undefined }
  | { type: 'on-site-request' }
  | { type: 'on-site-arrival'; at?: string | undefined }
  | { type: 'resolution'; at?: string | undefined }
  | { type: 'resolution-target'; targetAt: string }
  | { type: 'severity-change'; severity: Severity }
  | { type: 'assignment'; assignee: TicketAssignee }
  | {
      type: 'attribution';
      cause: TicketAttribution['cause'];
      subsystemId: string;
      advanceNoticeId?: string | null | undefined;
    }
  | { type: 'close' }
  | { type: 'reopen' }
  /** Another report of the same fault joins the ticket (or names it): only while it is open. */
  | { type: 'linked-report' }
  /** 暂停计时: the engineer waits on the hospital or a third party (the contract must allow it). */
  | { type: 'pause' }
  /** 恢复计时 by the engineer. */
  | { type: 'resume' }
  /** 院方异议: the hospital objects to the running pause; the clocks run again from now. */
  | { type: 'pause-objection' };

/** Why an event cannot apply, and the field of the request it concerns. */
export interface Refusal {
  refused: string;
  /** 'conflict': the ticket's state does not allow it; 'invalid': the request's values. */
  kind: 'conflict' | 'invalid';
  path: string;
}

export type Applied<T> = { ticket: T; at: string } | Refusal;

/**
 * One event applied to a ticket: the next ticket (version and event sequence one on), or why not.
 * Every channel's events go through here (form, phone, mail reply, timers do not change these
 * fields): status moves only forward until a reopen, a time once recorded is kept (the first
 * response, the first arrival), times lie between the report and now, an attribution is decided
 * once. Pure: the ticket given is not changed.
 */
export function applyTicketEvent<T extends LifecycleTicket>(
  ticket: T,
  event: LifecycleEvent,
  now: Date,
): Applied<T> {
  const next: T = { ...ticket, version: ticket.version + 1, lastEventSeq: ticket.lastEventSeq + 1 };
  const nowIso = now.toISOString();
  const refuse = (refused: string, kind: Refusal['kind'], path: string): Refusal => ({
    refused,
    kind,
    path,
  });
  const timeOf = (given: string | undefined): string | Refusal => {
    if (!given) return nowIso;
    const ms = toEpochMs(given);
    if (ms > now.getTime()) return refuse('the time lies in the future', 'invalid', 'at');
    if (ms < toEpochMs(ticket.reportedAt))
      return refuse('the time lies before the report', 'invalid', 'at');
    return new Date(ms).toISOString();
  };
  const move = (to: Parameters<typeof statusAfter>[1]): Refusal | undefined => {
    const status = statusAfter(next.status, to);
    if (typeof status !== 'string') return refuse(status.refused, 'conflict', 'type');
    next.status = status;
    return undefined;
  };
  let at = nowIso;
  switch (event.type) {
    case 'comment':
      break;
    case 'response': {
      const t = timeOf(event.at);
      if (typeof t !== 'string') return t;
      const refused = move('response');
      if (refused) return refused;
      at = t;
      next.respondedAt ??= t;
      break;
    }
    case 'on-site-request':
      next.onSiteRequestedAt ??= at;
      break;
    case 'on-site-arrival': {
      const t = timeOf(event.at);
      if (typeof t !== 'string') return t;
      const refused = move('on-site-arrival');
      if (refused) return refused;
      at = t;
      next.onSiteAt ??= t;
      next.respondedAt ??= t;
      break;
    }
    case 'resolution': {
      const t = timeOf(event.at);
      if (typeof t !== 'string') return t;
      const refused = move('resolution');
      if (refused) return refused;
      at = t;
      next.resolvedAt = t;
      next.respondedAt ??= t;
      // A resolution ends a pause: the clocks have stopped (pauseIntervalsOf ends it there too).
      if (ticket.pausedAt) next.pausedAt = null;
      break;
    }
    case 'resolution-target':
      if (toEpochMs(event.targetAt) < toEpochMs(ticket.reportedAt))
        return refuse('the target lies before the report', 'invalid', 'targetAt');
      next.resolutionTargetAt = new Date(toEpochMs(event.targetAt)).toISOString();
      break;
    case 'severity-change':
      if (event.severity === ticket.severity && ticket.severityConfirmed)
        return refuse('the ticket has this severity already', 'invalid', 'severity');
      next.severity = event.severity;
      next.severityConfirmed = true;
      break;
    case 'assignment':
      next.assignee = event.assignee;
      break;
    case 'attribution':
      if (ticket.attribution)
        return refuse(
          'the fault is attributed already; dispute the ledger entry instead',
          'conflict',
          'type',
        );
      next.attribution = {
        eventSeq: next.lastEventSeq,
        decidedAt: at,
        cause: event.cause,
        subsystemId: event.subsystemId,
        advanceNoticeId: event.advanceNoticeId ?? null,
      };
      break;
    case 'close': {
      const refused = move('close');
      if (refused) return refused;
      next.closedAt = at;
      break;
    }
    case 'linked-report':
      if (!openTicketStatuses.includes(ticket.status))
        return refuse('该工单已解决或关闭，请另行报告', 'conflict', 'type');
      break;
    case 'pause':
      if (!openTicketStatuses.includes(ticket.status))
        return refuse('该工单已解决或关闭，不能暂停计时', 'conflict', 'type');
      if (ticket.pausedAt) return refuse('计时已在暂停中', 'conflict', 'type');
      next.pausedAt = at;
      break;
    case 'resume':
    case 'pause-objection':
      if (!ticket.pausedAt)
        return refuse(
          event.type === 'resume' ? '计时没有暂停，无需恢复' : '计时没有暂停，无可异议',
          'conflict',
          'type',
        );
      next.pausedAt = null;
      break;
    case 'reopen': {
      const refused = move('reopen');
      if (refused) return refused;
      next.resolvedAt = null;
      next.closedAt = null;
      break;
    }
  }
  return { ticket: next, at };
}
