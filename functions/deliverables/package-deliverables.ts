import { route } from '@weibao/api/routes/evaluations-deliverables';
import { makePackageDeliverables } from '@weibao/usecases';
import { filesDeps } from '../lib/evaluation-deps.ts';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  route('packageDeliverables'),
  (req, deps) =>
    makePackageDeliverables(deps)(hospitalIdOf(req), req.params.contractId, req.params.quarter),
  filesDeps,
);
