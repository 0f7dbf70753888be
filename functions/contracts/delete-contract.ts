import { route } from '@weibao/api/routes/contracts';
import { makeDeleteContract } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';
import { planningDeps } from '../lib/obligation-deps.ts';

export const handler = httpHandler(
  route('deleteContract'),
  (req, deps) =>
    makeDeleteContract(deps)(
      req.actor,
      hospitalIdOf(req),
      req.params.contractId,
      req.query.version,
    ),
  planningDeps,
);
