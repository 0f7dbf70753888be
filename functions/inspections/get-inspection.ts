import { route } from '@weibao/api/routes/inspections';
import { makeGetInspection } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('getInspection'), (req, deps) =>
  makeGetInspection(deps)(hospitalIdOf(req), req.params.contractId, req.params.inspectionId),
);
