import { route } from '@weibao/api/routes/inspections';
import { makeSubmitInspection } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('submitInspection'), (req, deps) =>
  makeSubmitInspection(deps)(
    req.actor,
    hospitalIdOf(req),
    req.params.contractId,
    req.params.inspectionId,
    req.body,
  ),
);
