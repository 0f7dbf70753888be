import { route } from '@weibao/api/routes/evaluations-deliverables';
import { makeCreateDeliverableUpload } from '@weibao/usecases';
import { filesDeps } from '../lib/evaluation-deps.ts';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  route('createDeliverableUpload'),
  (req, deps) =>
    makeCreateDeliverableUpload(deps)(
      hospitalIdOf(req),
      req.params.contractId,
      req.params.quarter,
      req.params.item,
      req.body,
    ),
  filesDeps,
);
