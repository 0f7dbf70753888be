import { route } from '@weibao/api/routes/feedback';
import { makeCloseFeedbackRound } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';
import { feedbackDeps } from '../lib/feedback-deps.ts';

export const handler = httpHandler(
  route('closeFeedbackRound'),
  (req, deps) =>
    makeCloseFeedbackRound(deps)(
      req.actor,
      hospitalIdOf(req),
      req.params.contractId,
      req.params.quarter,
      req.body.version,
    ),
  feedbackDeps,
);
