import { routeById } from '@weibao/api';
import { makeGetTicket } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('getTicket'), (req, deps) =>
  makeGetTicket(deps)(hospitalIdOf(req), req.params.ticketId),
);
