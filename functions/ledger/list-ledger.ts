import { routeById } from '@weibao/api';
import { makeListLedger } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('listLedger'), (req, deps) =>
  makeListLedger(deps)(hospitalIdOf(req), req.params.contractId, req.query),
);
