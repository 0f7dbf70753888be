import { route } from '@weibao/api/routes/evaluations-deliverables';
import { makeDisputeEvaluation } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';
import { withHash } from '../lib/evaluation-answer.ts';

export const handler = httpHandler(route('disputeEvaluation'), async (req, deps) =>
  withHash(
    await makeDisputeEvaluation(deps)(
      req.actor,
      hospitalIdOf(req),
      req.params.contractId,
      req.params.evaluationId,
      req.body,
    ),
  ),
);
