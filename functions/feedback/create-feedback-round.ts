import { route } from '@weibao/api/routes/feedback';
import { makeCreateFeedbackRound } from '@weibao/usecases';
import { hospitalIdOf, httpHandler, idempotencyKeyOf, withStatus } from '../lib/http.ts';
import { feedbackDeps } from '../lib/feedback-deps.ts';

/** 201 with the new round; 200 with the earlier one when the Idempotency-Key was seen. */
export const handler = httpHandler(
  route('createFeedbackRound'),
  async (req, deps) => {
    const { round, created } = await makeCreateFeedbackRound(deps)(
      req.actor,
      hospitalIdOf(req),
      req.params.contractId,
      req.body,
      idempotencyKeyOf(req),
    );
    return withStatus(created ? 201 : 200, round);
  },
  feedbackDeps,
);
