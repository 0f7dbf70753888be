import { routeById } from '@weibao/api';
import { makeListTickets } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('listTickets'), (req, deps) =>
  makeListTickets(deps)(hospitalIdOf(req), req.query),
);
