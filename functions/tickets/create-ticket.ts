import { route } from '@weibao/api/routes/tickets';
import { makeCreateTicket, makeGetTicket } from '@weibao/usecases';
import { hospitalIdOf, httpHandler, idempotencyKeyOf, withStatus } from '../lib/http.ts';
import { ticketDeps } from '../lib/ticket-deps.ts';

/** 201 with the ticket and its clocks; 200 with the earlier ticket when the Idempotency-Key was seen. */
export const handler = httpHandler(
  route('createTicket'),
  async (req, deps) => {
    const hospitalId = hospitalIdOf(req);
    const { ticket, created } = await makeCreateTicket(deps)(
      req.actor,
      hospitalId,
      req.body,
      idempotencyKeyOf(req),
    );
    return withStatus(created ? 201 : 200, await makeGetTicket(deps)(hospitalId, ticket.id));
  },
  ticketDeps,
);
