import { routeById } from '@weibao/api';
import { makeGetObligation } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('getObligation'), (req, deps) =>
  makeGetObligation(deps)(hospitalIdOf(req), req.params.contractId, req.params.obligationId),
);
