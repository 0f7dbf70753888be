import { route } from '@weibao/api/routes/evaluations-deliverables';
import { makeGetEvaluation } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';
import { withHash } from '../lib/evaluation-answer.ts';

export const handler = httpHandler(route('getEvaluation'), async (req, deps) =>
  withHash(
    await makeGetEvaluation(deps)(
      hospitalIdOf(req),
      req.params.contractId,
      req.params.evaluationId,
    ),
  ),
);
