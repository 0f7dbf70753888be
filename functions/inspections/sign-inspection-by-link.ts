import { route } from '@weibao/api/routes/inspections';
import { makeSignInspectionByLink } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';
import { inspectionSigningDeps } from '../lib/inspection-deps.ts';
import { functionMetrics } from '../lib/metrics.ts';

// Public: the signed token is the authorization, checked in the use case.
export const handler = httpHandler(
  route('signInspectionByLink'),
  async (req, deps) => {
    const { token, ...signature } = req.body;
    const inspection = await makeSignInspectionByLink(deps)(token, signature);
    functionMetrics().linkUsed();
    return inspection;
  },
  inspectionSigningDeps,
);
