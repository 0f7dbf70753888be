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

/**
 * A search of a hospital's tickets, as the list's address keeps it (`?q=…&status=closed&from=…`), so
 * a view can be bookmarked, sent to a colleague or reloaded. Dates are days in 北京时间, inclusive.
 */
export interface TicketSearch {
  /** Across hospitals (工单查询): one hospital's tickets only. */
  hospitalId?: string;
  /** Words in the title, description, number or reporter's name, e-mail or phone. */
  q?: string;
  status?: Ticket['status'];
  severity?: Ticket['severity'];
  subsystemId?: string;
  /** An assignee's user id, or `none` for tickets nobody has taken. */
  assignee?: string;
  change?: ChangeFilter;
  from?: string;
  to?: string;
}

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

/** The day in 北京时间 (UTC+8, no daylight saving) of an instant. */
export function beijingDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Whether a ticket is one the search asks for; every word of `q` must be found somewhere. */
export function ticketMatches(t: Ticket, s: TicketSearch): boolean {
  if (s.hospitalId && t.hospitalId !== s.hospitalId) return false;
  if (s.status && t.status !== s.status) return false;
  if (s.severity && t.severity !== s.severity) return false;
  if (s.subsystemId && t.subsystemId !== s.subsystemId) return false;
  if (s.change) {
    if (t.kind !== 'change-request' && t.kind !== 'template-change') return false;
    if (s.change !== 'any' && (t.change?.progress ?? 'pending') !== s.change) return false;
  }
  if (s.assignee === 'none' ? t.assignee !== null : s.assignee && t.assignee?.sub !== s.assignee)
    return false;
  if (s.from || s.to) {
    const reported = beijingDay(t.reportedAt);
    if (s.from && reported < s.from) return false;
    if (s.to && reported > s.to) return false;
  }
  if (s.q) {
    const haystack = [
      t.number,
      t.title,
      t.description,
      t.reporter.name,
      t.reporter.email ?? '',
      t.reporter.phone ?? '',
    ]
      .join('\n')
      .toLowerCase();
    return s.q
      .toLowerCase()
      .split(/\s+/)
      .filter(Boolean)
      .every((word) => haystack.includes(word));
  }
  return true;
}

/** Whether anything narrows the list. */
export const searching = (s: TicketSearch): boolean => keys.some((k) => Boolean(s[k]));
