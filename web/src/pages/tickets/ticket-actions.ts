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
  | 'change-finish';

const vendor = new Set<Role>(['vendor-admin', 'service-manager', 'support-engineer']);
const hospitalReporters = new Set<Role>(['hospital-it', 'hospital-dept']);

/**
 * The events a role may record on a ticket in its present state, as the API allows them
 * (post-ticket-event.ts and ticket-status.ts): hospital users comment, close and reopen; the
 * vendor records the rest; a status only moves forward until a reopen.
 */
export function actionsFor(
  role: Role,
  ticket: Pick<Ticket, 'status' | 'kind' | 'attribution' | 'onSiteRequestedAt' | 'change'>,
): ActionType[] {
  const s = ticket.status;
  const out: ActionType[] = [...changeActionsFor(role, ticket)];
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
