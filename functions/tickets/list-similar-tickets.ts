import { route } from '@weibao/api/routes/tickets';
import { makeListSimilarTickets } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('listSimilarTickets'), async (req, deps) => ({
  items: await makeListSimilarTickets(deps)(hospitalIdOf(req), req.query.subsystemId),
}));
