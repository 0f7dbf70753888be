import { routeById } from '@weibao/api';
import { makeListTicketEvents } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('listTicketEvents'), async (req, deps) => ({
  items: await makeListTicketEvents(deps)(req.actor, hospitalIdOf(req), req.params.ticketId),
}));
