import { route } from '@weibao/api/routes/contracts';
import { makeCreateContract } from '@weibao/usecases';
import { hospitalIdOf, httpHandler, idempotencyKeyOf, withStatus } from '../lib/http.ts';
import { planningDeps } from '../lib/obligation-deps.ts';

/** 201 when made; 200 with the earlier contract when the Idempotency-Key was seen before. */
export const handler = httpHandler(
  route('createContract'),
  async (req, deps) => {
    const { contract, created } = await makeCreateContract(deps)(
      req.actor,
      hospitalIdOf(req),
      req.body.terms,
      idempotencyKeyOf(req),
    );
    return withStatus(created ? 201 : 200, contract);
  },
  planningDeps,
);
