import { route } from '@weibao/api/routes/evaluations-deliverables';
import { makeRecordDeliverable } from '@weibao/usecases';
import { filesDeps } from '../lib/evaluation-deps.ts';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  route('recordDeliverable'),
  (req, deps) =>
    makeRecordDeliverable(deps)(
      req.actor,
      hospitalIdOf(req),
      req.params.contractId,
      req.params.quarter,
      req.params.item,
      req.body,
    ),
  filesDeps,
);
