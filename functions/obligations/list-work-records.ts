import { route } from '@weibao/api/routes/obligations';
import { makeListWorkRecords } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('listWorkRecords'), (req, deps) =>
  makeListWorkRecords(deps)(hospitalIdOf(req), req.params.contractId, req.query),
);
