import { routeById } from '@weibao/api';
import { makeListDeliverables } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('listDeliverables'), async (req, deps) => ({
  items: await makeListDeliverables(deps)(hospitalIdOf(req), req.params.contractId),
}));
