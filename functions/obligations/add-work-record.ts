import { route } from '@weibao/api/routes/obligations';
import { makeAddWorkRecord } from '@weibao/usecases';
import { hospitalIdOf, httpHandler, idempotencyKeyOf, withStatus } from '../lib/http.ts';
import { planningDeps } from '../lib/obligation-deps.ts';

/** 201 when recorded; 200 with the earlier record when the Idempotency-Key was seen before. */
export const handler = httpHandler(
  route('addWorkRecord'),
  async (req, deps) => {
    const { record, created } = await makeAddWorkRecord(deps)(
      req.actor,
      hospitalIdOf(req),
      req.params.contractId,
      req.body,
      idempotencyKeyOf(req),
    );
    return withStatus(created ? 201 : 200, record);
  },
  planningDeps,
);
