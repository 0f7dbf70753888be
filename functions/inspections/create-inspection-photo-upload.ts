import { route } from '@weibao/api/routes/inspections';
import { makeCreateInspectionPhotoUpload } from '@weibao/usecases';
import { filesDeps } from '../lib/evaluation-deps.ts';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  route('createInspectionPhotoUpload'),
  (req, deps) =>
    makeCreateInspectionPhotoUpload(deps)(
      hospitalIdOf(req),
      req.params.contractId,
      req.params.inspectionId,
      req.body,
    ),
  filesDeps,
);
