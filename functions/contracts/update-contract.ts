import { route } from '@weibao/api/routes/contracts';
import { makeUpdateContract } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';
import { planningDeps } from '../lib/obligation-deps.ts';

export const handler = httpHandler(
  route('updateContract'),
  (req, deps) =>
    makeUpdateContract(deps)(
      req.actor,
      hospitalIdOf(req),
      req.params.contractId,
      req.body.terms,
      req.body.version,
    ),
  planningDeps,
);
