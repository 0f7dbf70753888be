import { route } from '@weibao/api/routes/tickets';
import { makeListTickets } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('listTickets'), (req, deps) =>
  makeListTickets(deps)(hospitalIdOf(req), req.query),
);
