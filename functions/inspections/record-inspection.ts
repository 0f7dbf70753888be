import { route } from '@weibao/api/routes/inspections';
import { makeRecordInspection } from '@weibao/usecases';
import { filesDeps } from '../lib/evaluation-deps.ts';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  route('recordInspection'),
  (req, deps) =>
    makeRecordInspection(deps)(
      req.actor,
      hospitalIdOf(req),
      req.params.contractId,
      req.params.inspectionId,
      req.body,
    ),
  filesDeps,
);
