import { route } from '@weibao/api/routes/tickets';
import { makeListTicketEvents } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('listTicketEvents'), async (req, deps) => ({
  items: await makeListTicketEvents(deps)(req.actor, hospitalIdOf(req), req.params.ticketId),
}));
