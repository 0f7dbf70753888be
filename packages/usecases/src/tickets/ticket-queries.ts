import {
  beijingDayStart,
  dayAfter,
  isVendorRole,
  ticketMatches,
  type TicketSearch,
  type TicketDeadlines,
  type TicketSla,
  type TicketStatus,
} from '@weibao/domain';
import {
  contractForReading,
  eventsOfTicket,
  openTicketsByNextDeadline,
  openTicketsReportedSince,
  ticketById,
  ticketSearchReadAtMost,
  ticketsAcrossHospitals,
  ticketsOfHospital,
  type Page,
  type TicketEventRecord,
  type TicketRecord,
} from '@weibao/store';
import { AppError, notFound } from '../errors.ts';
import { requireHospital } from '../hospitals/hospital-use-cases.ts';
// Reads need only the table and the clock: no timers or mail, so their functions bundle neither.
import type { Actor, Deps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { evaluateTicket } from './ticket-sla.ts';
import { noticesFor } from './ticket-writer.ts';

export function makeGetTicket(deps: Deps) {
  /** The ticket with its SLA clocks and its deadlines (targets and deductions) as they stand now. */
  return async (
    hospitalId: string,
    ticketId: string,
  ): Promise<{
    ticket: TicketRecord;
    sla: TicketSla | null;
    deadlines: TicketDeadlines | null;
  }> => {
    const ticket = await ticketById(deps.db, hospitalId, ticketId);
    if (!ticket || ticket.deletedAt) throw notFound('the ticket');
    // One GetItem when warm: the terms from the read cache, the SLA events from the ticket's log.
    const [contract, events] = await Promise.all([
      contractForReading(deps.db, hospitalId, ticket.contractId),
      ticket.slaLog ?? eventsOfTicket(deps.db, hospitalId, ticketId),
    ]);
    if (!contract) throw new AppError('not-found', '找不到该工单所属的合同');
    const { sla, deadlines } = evaluateTicket(
      ticket,
      events,
      contract.terms,
      await noticesFor(deps, ticket),
      deps.clock.now(),
    );
    return { ticket, sla, deadlines };
  };
}

export function makeListTicketEvents(deps: Deps) {
  /** The timeline; hospital users do not see the vendor's internal comments. */
  return async (
    actor: Actor,
    hospitalId: string,
    ticketId: string,
  ): Promise<TicketEventRecord[]> => {
    const ticket = await ticketById(deps.db, hospitalId, ticketId);
    if (!ticket || ticket.deletedAt) throw notFound('the ticket');
    const events = await eventsOfTicket(deps.db, hospitalId, ticketId);
    return isVendorRole(actor.role) ? events : events.filter((e) => e.visibility === 'public');
  };
}

export function makeListTickets(deps: Deps) {
  return async (
    hospitalId: string,
    q: { status?: TicketStatus; limit?: number; cursor?: string },
  ): Promise<Page<TicketRecord>> => {
    await requireHospital(deps, hospitalId);
    return mapStoreErrors('the ticket list', () => ticketsOfHospital(deps.db, hospitalId, q));
  };
}

export function makeVendorQueue(deps: Deps) {
  /**
   * Open tickets of every hospital, the nearest SLA deadline first; for an engineer limited to
   * assigned hospitals, only theirs: a full page of them, and a cursor that names no other hospital's.
   */
  return async (
    q: { limit?: number; cursor?: string },
    hospitalLimit: readonly string[] | null = null,
  ): Promise<Page<TicketRecord>> => {
    return mapStoreErrors('the queue', () =>
      openTicketsByNextDeadline(deps.db, { ...q, hospitals: hospitalLimit }),
    );
  };
}

export function makeSearchTickets(deps: Deps) {
  /**
   * 工单查询: the tickets of every hospital one sees (an engineer's assigned ones when limited),
   * newest report first, searched on the server, a page at a time. One hospital asked for that the
   * engineer may not see finds nothing.
   */
  return async (
    q: TicketSearch & { limit?: number; cursor?: string },
    hospitalLimit: readonly string[] | null = null,
  ): Promise<Page<TicketRecord> & { readThrough: string | null }> => {
    const { limit = 50, cursor, ...search } = q;
    let hospitals = hospitalLimit;
    if (search.hospitalId) {
      if (hospitalLimit && !hospitalLimit.includes(search.hospitalId))
        return { items: [], next: null, readThrough: null };
      hospitals = [search.hospitalId];
    }
    if (hospitals && hospitals.length === 0) return { items: [], next: null, readThrough: null };
    return mapStoreErrors('the ticket search', () =>
      ticketsAcrossHospitals(deps.db, {
        hospitals,
        ...(search.from ? { from: beijingDayStart(search.from) } : {}),
        ...(search.to ? { before: beijingDayStart(dayAfter(search.to)) } : {}),
        matches: (t) => ticketMatches(t, search),
        limit,
        cursor,
        readAtMost: ticketSearchReadAtMost,
      }),
    );
  };
}

/** How recent an open ticket must be for a new report of its subsystem to be offered to join it. */
export const similarReportWindowMs = 30 * 60_000;

export function makeListSimilarTickets(deps: Deps) {
  /**
   * 可能是同一故障: the hospital's open fault tickets of this subsystem reported in the last 30
   * minutes, newest first. The reporter decides whether to join one; nothing is merged here.
   */
  return async (hospitalId: string, subsystemId: string): Promise<TicketRecord[]> => {
    await requireHospital(deps, hospitalId);
    const since = new Date(deps.clock.now().getTime() - similarReportWindowMs).toISOString();
    const open = await mapStoreErrors('the recent tickets', () =>
      openTicketsReportedSince(deps.db, hospitalId, since),
    );
    return open.filter((t) => t.kind === 'fault' && t.subsystemId === subsystemId);
  };
}
