import { route } from '@weibao/api/routes/obligations';
import { makeGetObligation } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('getObligation'), (req, deps) =>
  makeGetObligation(deps)(hospitalIdOf(req), req.params.contractId, req.params.obligationId),
);
