import { route } from '@weibao/api/routes/inspections';
import { makeCreateInspectionSigningLinks } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';
import { inspectionLinkDeps } from '../lib/inspection-deps.ts';

export const handler = httpHandler(
  route('createInspectionSigningLinks'),
  (req, deps) =>
    makeCreateInspectionSigningLinks(deps)(
      hospitalIdOf(req),
      req.params.contractId,
      req.params.inspectionId,
    ),
  inspectionLinkDeps,
);
