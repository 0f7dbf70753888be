import { routeById } from '@weibao/api';
import { makeListPayments } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('listPayments'), async (req, deps) => ({
  items: await makeListPayments(deps)(hospitalIdOf(req), req.params.contractId),
}));
