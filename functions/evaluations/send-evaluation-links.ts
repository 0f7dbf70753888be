import { route } from '@weibao/api/routes/evaluations-deliverables';
import { makeSendEvaluationLinks } from '@weibao/usecases';
import { evaluationLinkDeps } from '../lib/evaluation-deps.ts';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  route('sendEvaluationLinks'),
  (req, deps) =>
    makeSendEvaluationLinks(deps)(
      req.actor,
      hospitalIdOf(req),
      req.params.contractId,
      req.params.evaluationId,
    ),
  evaluationLinkDeps,
);
