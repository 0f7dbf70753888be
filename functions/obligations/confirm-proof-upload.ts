import { route } from '@weibao/api/routes/obligations';
import { makeConfirmProofUpload } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';
import { obligationDeps } from '../lib/obligation-deps.ts';

export const handler = httpHandler(
  route('confirmProofUpload'),
  (req, deps) =>
    makeConfirmProofUpload(deps)(
      req.actor,
      {
        hospitalId: hospitalIdOf(req),
        contractId: req.params.contractId,
        obligationId: req.params.obligationId,
      },
      req.params.uploadId,
    ),
  obligationDeps,
);
