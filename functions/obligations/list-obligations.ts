import { routeById } from '@weibao/api';
import { makeListObligations } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('listObligations'), (req, deps) =>
  makeListObligations(deps)(hospitalIdOf(req), req.params.contractId, req.query),
);
