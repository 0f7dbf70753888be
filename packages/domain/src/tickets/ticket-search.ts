/**
 * A search of tickets (工单查询 and a hospital's list): words, status, severity, subsystem,
 * assignee, change progress and report days in 北京时间. The web app keeps it in the address; the
 * server applies it while it reads (`GET /api/tickets`). Pure, so both apply the same rule.
 */
export interface TicketSearch {
  /** Across hospitals (工单查询): one hospital's tickets only. */
  hospitalId?: string;
  /** Words in the title, description, number or reporter's name, e-mail or phone. */
  q?: string;
  status?: 'new' | 'responded' | 'on-site' | 'resolved' | 'closed';
  severity?: 'fatal' | 'serious' | 'minor';
  subsystemId?: string;
  /** An assignee's user id, or `none` for tickets nobody has taken. */
  assignee?: string;
  change?: 'any' | 'pending' | 'approved' | 'in-progress' | 'done' | 'declined';
  /** Report days in 北京时间 (YYYY-MM-DD), inclusive. */
  from?: string;
  to?: string;
}

/** The fields of a ticket a search reads. */
export interface SearchableTicket {
  hospitalId: string;
  number: string;
  title: string;
  description: string;
  reporter: { name: string; email?: string | null; phone?: string | null };
  reportedAt: string;
  status: string;
  severity?: string | null;
  subsystemId?: string | null;
  kind?: string;
  change?: { progress?: string | null } | null;
  assignee?: { sub: string } | null;
}

/** The day in 北京时间 (UTC+8, no daylight saving) of an instant. */
export function beijingDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The first instant (UTC ISO) of a day in 北京时间. */
export function beijingDayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - 8 * 3_600_000).toISOString();
}

/** Whether a ticket is one the search asks for; every word of `q` must be found somewhere. */
export function ticketMatches(t: SearchableTicket, s: TicketSearch): boolean {
  if (s.hospitalId && t.hospitalId !== s.hospitalId) return false;
  if (s.status && t.status !== s.status) return false;
  if (s.severity && t.severity !== s.severity) return false;
  if (s.subsystemId && t.subsystemId !== s.subsystemId) return false;
  if (s.change) {
    if (t.kind !== 'change-request' && t.kind !== 'template-change') return false;
    if (s.change !== 'any' && (t.change?.progress ?? 'pending') !== s.change) return false;
  }
  const assignee = t.assignee ?? null;
  if (s.assignee === 'none' ? assignee !== null : s.assignee && assignee?.sub !== s.assignee)
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
