import { routeById } from '@weibao/api';
import { makePackageDeliverables } from '@weibao/usecases';
import { filesDeps } from '../lib/evaluation-deps.ts';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  routeById('packageDeliverables'),
  (req, deps) =>
    makePackageDeliverables(deps)(hospitalIdOf(req), req.params.contractId, req.params.quarter),
  filesDeps,
);
