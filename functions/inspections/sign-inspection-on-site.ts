import { route } from '@weibao/api/routes/inspections';
import { makeSignInspectionOnSite } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';
import { planningDeps } from '../lib/obligation-deps.ts';

export const handler = httpHandler(
  route('signInspectionOnSite'),
  (req, deps) =>
    makeSignInspectionOnSite(deps)(
      req.actor,
      hospitalIdOf(req),
      req.params.contractId,
      req.params.inspectionId,
      req.body,
    ),
  planningDeps,
);
