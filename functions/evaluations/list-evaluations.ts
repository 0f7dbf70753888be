import { route } from '@weibao/api/routes/evaluations-deliverables';
import { makeListEvaluations } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('listEvaluations'), async (req, deps) => ({
  items: await makeListEvaluations(deps)(hospitalIdOf(req), req.params.contractId),
}));
