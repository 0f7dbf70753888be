import { route } from '@weibao/api/routes/obligations';
import { makeDecideProofAcceptance } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';
import { obligationDeps } from '../lib/obligation-deps.ts';

export const handler = httpHandler(
  route('decideProofAcceptance'),
  (req, deps) =>
    makeDecideProofAcceptance(deps)(
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
