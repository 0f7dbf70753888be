import { routeById } from '@weibao/api';
import { makeDisputeEvaluation } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';
import { withHash } from '../lib/evaluation-answer.ts';

export const handler = httpHandler(routeById('disputeEvaluation'), async (req, deps) =>
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
