import { route } from '@weibao/api/routes/inspections';
import { makePutInspectionChecklist } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('putInspectionChecklist'), (req, deps) =>
  makePutInspectionChecklist(deps)(req.actor, hospitalIdOf(req), req.params.contractId, req.body),
);
