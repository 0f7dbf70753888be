import type { Role } from '@weibao/domain/roles';
import { isChangeKind } from '@weibao/domain/tickets/change-request';
import type { Ticket } from '../../api/ticket-queries.ts';

export type ActionType =
  | 'response'
  | 'on-site-request'
  | 'on-site-arrival'
  | 'resolution'
  | 'comment'
  | 'severity-change'
  | 'attribution'
  | 'close'
  | 'reopen'
  | 'change-approve'
  | 'change-decline'
  | 'change-due-date'
  | 'change-start'
  | 'change-finish'
  | 'pause'
  | 'resume'
  | 'pause-objection';

const vendor = new Set<Role>(['vendor-admin', 'service-manager', 'support-engineer']);
const hospitalReporters = new Set<Role>(['hospital-it', 'hospital-dept']);

/**
 * The events a role may record on a ticket in its present state, as the API allows them
 * (post-ticket-event.ts and ticket-status.ts): hospital users comment, close and reopen; the
 * vendor records the rest; a status only moves forward until a reopen.
 */
export function actionsFor(
  role: Role,
  ticket: Pick<
    Ticket,
    'status' | 'kind' | 'attribution' | 'onSiteRequestedAt' | 'change' | 'pausedAt'
  >,
  /** The ticket's contract allows 暂停计时 (slaPause). */
  pauseAllowed = false,
): ActionType[] {
  const s = ticket.status;
  const out: ActionType[] = [
    ...changeActionsFor(role, ticket),
    ...pauseActionsFor(role, ticket, pauseAllowed),
  ];
  if (vendor.has(role)) {
    if (s === 'new') out.push('response');
    if (ticket.onSiteRequestedAt === null && (s === 'new' || s === 'responded'))
      out.push('on-site-request');
    if (s === 'new' || s === 'responded') out.push('on-site-arrival');
    if (s === 'new' || s === 'responded' || s === 'on-site') out.push('resolution');
    out.push('comment');
    if (s !== 'closed') out.push('severity-change');
    if (ticket.kind === 'fault' && ticket.attribution === null) out.push('attribution');
  } else if (hospitalReporters.has(role)) {
    out.push('comment');
  } else {
    return [];
  }
  if (s === 'resolved') out.push('close');
  if (s === 'resolved' || s === 'closed') out.push('reopen');
  return out;
}

/**
 * 暂停计时: engineers and the service manager pause an open fault report where the contract allows
 * it, and resume it; while it is paused, the hospital may object (the clocks run again).
 */
function pauseActionsFor(
  role: Role,
  ticket: Pick<Ticket, 'status' | 'kind' | 'pausedAt'>,
  allowed: boolean,
): ActionType[] {
  const paused = Boolean(ticket.pausedAt);
  const open =
    ticket.status === 'new' || ticket.status === 'responded' || ticket.status === 'on-site';
  if (role === 'support-engineer' || role === 'service-manager') {
    if (paused) return ['resume'];
    return allowed && open && ticket.kind === 'fault' ? ['pause'] : [];
  }
  if (hospitalReporters.has(role) && paused) return ['pause-objection'];
  return [];
}

/**
 * A change request's own actions (change-request.ts): the IT center approves or declines what
 * waits and moves the date of what is still owed; vendor staff start and finish what is approved.
 */
function changeActionsFor(role: Role, ticket: Pick<Ticket, 'kind' | 'change'>): ActionType[] {
  if (!isChangeKind(ticket.kind)) return [];
  const progress = ticket.change?.progress ?? 'pending';
  if (role === 'hospital-it') {
    const out: ActionType[] = [];
    if (progress === 'pending') out.push('change-approve', 'change-decline');
    if (progress !== 'done' && progress !== 'declined') out.push('change-due-date');
    return out;
  }
  if (!vendor.has(role)) return [];
  if (progress === 'approved') return ['change-start'];
  if (progress === 'in-progress') return ['change-finish'];
  return [];
}
