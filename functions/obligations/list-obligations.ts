import { route } from '@weibao/api/routes/obligations';
import { makeListObligations } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('listObligations'), (req, deps) =>
  makeListObligations(deps)(hospitalIdOf(req), req.params.contractId, req.query),
);
