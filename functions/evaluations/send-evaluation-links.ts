import { routeById } from '@weibao/api';
import { makeSendEvaluationLinks } from '@weibao/usecases';
import { evaluationLinkDeps } from '../lib/evaluation-deps.ts';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  routeById('sendEvaluationLinks'),
  (req, deps) =>
    makeSendEvaluationLinks(deps)(
      req.actor,
      hospitalIdOf(req),
      req.params.contractId,
      req.params.evaluationId,
    ),
  evaluationLinkDeps,
);
