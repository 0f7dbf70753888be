import { beijingDay, ticketMatches, type TicketSearch } from '@weibao/domain/tickets/ticket-search';
import type { Ticket } from '../../api/ticket-queries.ts';

const statuses = ['new', 'responded', 'on-site', 'resolved', 'closed'] as const;
const severities = ['fatal', 'serious', 'minor'] as const;
/** 需求变更 filter: every change request, or those in one state of approval and progress. */
export const changeFilters = [
  'any',
  'pending',
  'approved',
  'in-progress',
  'done',
  'declined',
] as const;
export type ChangeFilter = (typeof changeFilters)[number];
const day = /^\d{4}-\d{2}-\d{2}$/;

/** A search, as the list's address keeps it (`?q=…&status=closed&from=…`), so a view can be
 * bookmarked, sent to a colleague or reloaded; the rule is the domain's, the server's too. */
export type { TicketSearch };
export { beijingDay, ticketMatches };

const keys = [
  'hospitalId',
  'q',
  'status',
  'severity',
  'subsystemId',
  'assignee',
  'change',
  'from',
  'to',
] as const;

/** The search an address asks for; a value of another shape than the page writes is ignored. */
export function searchFromParams(params: URLSearchParams): TicketSearch {
  const out: TicketSearch = {};
  const q = params.get('q')?.trim().slice(0, 100);
  if (q) out.q = q;
  const hospitalId = params.get('hospitalId');
  if (hospitalId && /^[a-z0-9][a-z0-9-]{1,39}$/.test(hospitalId)) out.hospitalId = hospitalId;
  const status = params.get('status');
  if (status && (statuses as readonly string[]).includes(status))
    out.status = status as Ticket['status'];
  const severity = params.get('severity');
  if (severity && (severities as readonly string[]).includes(severity))
    out.severity = severity as Ticket['severity'];
  const subsystemId = params.get('subsystemId');
  if (subsystemId && /^[\w-]{1,64}$/.test(subsystemId)) out.subsystemId = subsystemId;
  const change = params.get('change');
  if (change && (changeFilters as readonly string[]).includes(change))
    out.change = change as ChangeFilter;
  const assignee = params.get('assignee');
  if (assignee && assignee.length <= 200) out.assignee = assignee;
  for (const k of ['from', 'to'] as const) {
    const v = params.get(k);
    if (v && day.test(v)) out[k] = v;
  }
  return out;
}

/** The address's query for a search: only what is set, in a fixed order. */
export function searchToParams(s: TicketSearch): URLSearchParams {
  const params = new URLSearchParams();
  for (const k of keys) {
    const v = s[k];
    if (v) params.set(k, v);
  }
  return params;
}

/** Whether anything narrows the list. */
export const searching = (s: TicketSearch): boolean => keys.some((k) => Boolean(s[k]));
