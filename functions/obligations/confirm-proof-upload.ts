import { routeById } from '@weibao/api';
import { makeConfirmProofUpload } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';
import { obligationDeps } from '../lib/obligation-deps.ts';

export const handler = httpHandler(
  routeById('confirmProofUpload'),
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
