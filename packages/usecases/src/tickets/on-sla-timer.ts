import { eventsOfTicket, hospitalById, ticketById } from '@weibao/store';
import { AppError } from '../errors.ts';
import type { TicketDeps } from '../ports.ts';
import { commitTicketChange, contractOfTicket } from './ticket-writer.ts';

/**
 * An SLA timer fired. Whatever the payload says, the ticket is evaluated afresh at this moment,
 * so a timer that fires late, twice, or ten times at once records each breach and deduction once:
 * the marks on the ticket and the version check make every repeat a no-op.
 */
/** Enough for ten concurrent firings and a person editing, within the timer function's timeout. */
const maxAttempts = 12;

export function makeOnSlaTimer(deps: TicketDeps) {
  return async (payload: {
    hospitalId: string;
    ticketId: string;
  }): Promise<'recorded' | 'nothing-due' | 'gone'> => {
    // A removed hospital's clocks stop: no breach, deduction or escalation is booked for it.
    if ((await hospitalById(deps.db, payload.hospitalId))?.deletedAt) return 'gone';
    for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
      const ticket = await ticketById(deps.db, payload.hospitalId, payload.ticketId, true);
      if (!ticket || ticket.deletedAt) return 'gone';
      const contract = await contractOfTicket(deps, ticket);
      const events = await eventsOfTicket(deps.db, ticket.hospitalId, ticket.id);
      const before = ticket;
      try {
        const stored = await commitTicketChange(deps, {
          actor: null,
          action: 'ticket.sla-timer',
          before,
          after: { ...ticket, version: ticket.version + 1 },
          events,
          newEvents: [],
          contract,
          onlyIfDue: true,
        });
        return stored.lastEventSeq > before.lastEventSeq ? 'recorded' : 'nothing-due';
      } catch (err) {
        if (!(err instanceof AppError && err.kind === 'conflict')) throw err;
        // Another firing or a person changed the ticket: read it again and re-evaluate. The wait
        // grows so that ten firings at once on a slow machine settle instead of colliding again.
        const ceilingMs = Math.min(1_000, 25 * 2 ** attempt);
        await new Promise((r) => setTimeout(r, ceilingMs / 2 + Math.random() * (ceilingMs / 2)));
      }
    }
    throw new Error(`ticket ${payload.ticketId} kept changing; the timer will be retried`);
  };
}
