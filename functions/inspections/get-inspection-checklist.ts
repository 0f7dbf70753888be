import { route } from '@weibao/api/routes/inspections';
import { makeGetInspectionChecklist } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('getInspectionChecklist'), (req, deps) =>
  makeGetInspectionChecklist(deps)(hospitalIdOf(req), req.params.contractId),
);
