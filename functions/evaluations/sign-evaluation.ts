import { route } from '@weibao/api/routes/evaluations-deliverables';
import { makeSignEvaluation } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';
import { withHash } from '../lib/evaluation-answer.ts';

export const handler = httpHandler(route('signEvaluation'), async (req, deps) =>
  withHash(
    await makeSignEvaluation(deps)(
      req.actor,
      hospitalIdOf(req),
      req.params.contractId,
      req.params.evaluationId,
      req.body,
    ),
  ),
);
