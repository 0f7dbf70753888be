import { route } from '@weibao/api/routes/inspections';
import { makeStartInspection } from '@weibao/usecases';
import { hospitalIdOf, httpHandler, idempotencyKeyOf, withStatus } from '../lib/http.ts';

/** 201 when started; 200 with the earlier record when the Idempotency-Key was seen before. */
export const handler = httpHandler(route('startInspection'), async (req, deps) => {
  const { inspection, created } = await makeStartInspection(deps)(
    req.actor,
    hospitalIdOf(req),
    req.params.contractId,
    req.body,
    idempotencyKeyOf(req),
  );
  return withStatus(created ? 201 : 200, inspection);
});
