import { routeById } from '@weibao/api';
import { makeGetContract } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('getContract'), (req, deps) =>
  makeGetContract(deps)(hospitalIdOf(req), req.params.contractId),
);
