import { route } from '@weibao/api/routes/evaluations-deliverables';
import { makeListDeliverables } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('listDeliverables'), async (req, deps) => ({
  items: await makeListDeliverables(deps)(hospitalIdOf(req), req.params.contractId),
}));
