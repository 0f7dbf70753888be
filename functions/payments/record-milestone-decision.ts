import { routeById } from '@weibao/api';
import { makeRecordMilestoneDecision } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('recordMilestoneDecision'), (req, deps) =>
  makeRecordMilestoneDecision(deps)(
    req.actor,
    hospitalIdOf(req),
    req.params.contractId,
    req.params.milestoneId,
    req.body,
  ),
);
