import { eventsOfTicket, ticketById } from '@weibao/store';
import { AppError } from '../errors.ts';
import type { TicketDeps } from '../ports.ts';
import { commitTicketChange, contractOfTicket } from './ticket-writer.ts';

/**
 * An SLA timer fired. Whatever the payload says, the ticket is evaluated afresh at this moment,
 * so a timer that fires late, twice, or ten times at once records each breach and deduction once:
 * the marks on the ticket and the version check make every repeat a no-op.
 */
export function makeOnSlaTimer(deps: TicketDeps) {
  return async (payload: {
    hospitalId: string;
    ticketId: string;
  }): Promise<'recorded' | 'nothing-due' | 'gone'> => {
    for (let attempt = 0; attempt < 8; attempt += 1) {
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
        // Another firing or a person changed the ticket: read it again and re-evaluate.
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 80));
      }
    }
    throw new Error(`ticket ${payload.ticketId} kept changing; the timer will be retried`);
  };
}
