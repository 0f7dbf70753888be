import { route } from '@weibao/api/routes/tickets';
import { makeGetTicket } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('getTicket'), (req, deps) =>
  makeGetTicket(deps)(hospitalIdOf(req), req.params.ticketId),
);
