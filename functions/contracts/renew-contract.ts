import { route } from '@weibao/api/routes/contracts';
import { makeRenewContract } from '@weibao/usecases';
import { hospitalIdOf, httpHandler, withStatus } from '../lib/http.ts';
import { planningDeps } from '../lib/obligation-deps.ts';

/** 201 with the new contract; 200 with the same one when this contract was renewed before. */
export const handler = httpHandler(
  route('renewContract'),
  async (req, deps) => {
    const { contract, created } = await makeRenewContract(deps)(
      req.actor,
      hospitalIdOf(req),
      req.params.contractId,
      req.body,
    );
    return withStatus(created ? 201 : 200, contract);
  },
  // The new term's obligations and reminders are planned as for any new contract.
  planningDeps,
);
