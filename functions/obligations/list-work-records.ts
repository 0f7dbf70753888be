import { routeById } from '@weibao/api';
import { makeListWorkRecords } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('listWorkRecords'), (req, deps) =>
  makeListWorkRecords(deps)(hospitalIdOf(req), req.params.contractId, req.query),
);
