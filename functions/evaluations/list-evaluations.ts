import { routeById } from '@weibao/api';
import { makeListEvaluations } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('listEvaluations'), async (req, deps) => ({
  items: await makeListEvaluations(deps)(hospitalIdOf(req), req.params.contractId),
}));
