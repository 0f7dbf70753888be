import { route } from '@weibao/api/routes/payments';
import { makeRecordPaymentEvent } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('recordPaymentEvent'), (req, deps) =>
  makeRecordPaymentEvent(deps)(
    req.actor,
    hospitalIdOf(req),
    req.params.contractId,
    req.params.milestoneId,
    req.body,
  ),
);
