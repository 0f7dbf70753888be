import { routeById } from '@weibao/api';
import { makeDeleteContract } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';
import { planningDeps } from '../lib/obligation-deps.ts';

export const handler = httpHandler(
  routeById('deleteContract'),
  (req, deps) =>
    makeDeleteContract(deps)(
      req.actor,
      hospitalIdOf(req),
      req.params.contractId,
      req.query.version,
    ),
  planningDeps,
);
