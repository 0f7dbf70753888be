import { route } from '@weibao/api/routes/inspections';
import { makeListInspections } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('listInspections'), (req, deps) =>
  makeListInspections(deps)(hospitalIdOf(req), req.params.contractId, req.query),
);
