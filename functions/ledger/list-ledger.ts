import { route } from '@weibao/api/routes/contracts';
import { makeListLedger } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('listLedger'), (req, deps) =>
  makeListLedger(deps)(hospitalIdOf(req), req.params.contractId, req.query),
);
