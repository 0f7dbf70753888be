import { route } from '@weibao/api/routes/tickets';
import { makeGetTicket, makePostTicketEvent } from '@weibao/usecases';
import { hospitalIdOf, httpHandler, idempotencyKeyOf } from '../lib/http.ts';
import { ticketDeps } from '../lib/ticket-deps.ts';

export const handler = httpHandler(
  route('postTicketEvent'),
  async (req, deps) => {
    const hospitalId = hospitalIdOf(req);
    await makePostTicketEvent(deps)(
      req.actor,
      hospitalId,
      req.params.ticketId,
      req.body,
      idempotencyKeyOf(req),
    );
    return makeGetTicket(deps)(hospitalId, req.params.ticketId);
  },
  ticketDeps,
);
