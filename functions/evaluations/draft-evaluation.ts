import { route } from '@weibao/api/routes/evaluations-deliverables';
import { makeDraftEvaluation } from '@weibao/usecases';
import { hospitalIdOf, httpHandler, withStatus } from '../lib/http.ts';
import { withHash } from '../lib/evaluation-answer.ts';

/** 201 when drafted; 200 with the (refreshed) draft when it existed. */
export const handler = httpHandler(route('draftEvaluation'), async (req, deps) => {
  const { evaluation, created } = await makeDraftEvaluation(deps)(
    req.actor,
    hospitalIdOf(req),
    req.params.contractId,
    req.params.evaluationId,
  );
  return withStatus(created ? 201 : 200, withHash(evaluation));
});
