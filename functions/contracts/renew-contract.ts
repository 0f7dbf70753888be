import { routeById } from '@weibao/api';
import { makeRenewContract } from '@weibao/usecases';
import { hospitalIdOf, httpHandler, withStatus } from '../lib/http.ts';

/** 201 with the new contract; 200 with the same one when this contract was renewed before. */
export const handler = httpHandler(routeById('renewContract'), async (req, deps) => {
  const { contract, created } = await makeRenewContract(deps)(
    req.actor,
    hospitalIdOf(req),
    req.params.contractId,
    req.body,
  );
  return withStatus(created ? 201 : 200, contract);
});
