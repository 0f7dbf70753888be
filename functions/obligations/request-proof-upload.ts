import { route } from '@weibao/api/routes/obligations';
import { makeRequestProofUpload } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';
import { obligationDeps } from '../lib/obligation-deps.ts';

export const handler = httpHandler(
  route('requestProofUpload'),
  (req, deps) =>
    makeRequestProofUpload(deps)(
      req.actor,
      {
        hospitalId: hospitalIdOf(req),
        contractId: req.params.contractId,
        obligationId: req.params.obligationId,
      },
      req.body,
    ),
  obligationDeps,
);
