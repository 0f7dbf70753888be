import { route } from '@weibao/api/routes/payments';
import { makeRecordMilestoneDecision } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('recordMilestoneDecision'), (req, deps) =>
  makeRecordMilestoneDecision(deps)(
    req.actor,
    hospitalIdOf(req),
    req.params.contractId,
    req.params.milestoneId,
    req.body,
  ),
);
