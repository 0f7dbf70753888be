import { route } from '@weibao/api/routes/evaluations-deliverables';
import { makeEnterEvaluationPart } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';
import { withHash } from '../lib/evaluation-answer.ts';

export const handler = httpHandler(route('enterServiceLevel'), async (req, deps) =>
  withHash(
    await makeEnterEvaluationPart(deps)(
      req.actor,
      hospitalIdOf(req),
      req.params.contractId,
      req.params.evaluationId,
      'serviceLevel',
      req.body,
    ),
  ),
);
