import { route } from '@weibao/api/routes/tickets';
import { makeSearchTickets } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('searchTickets'), (req, deps) =>
  makeSearchTickets(deps)(req.query, req.hospitalLimit),
);
