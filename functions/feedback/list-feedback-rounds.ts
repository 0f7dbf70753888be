import { route } from '@weibao/api/routes/feedback';
import { makeListFeedbackRounds } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';
import { feedbackDeps } from '../lib/feedback-deps.ts';

export const handler = httpHandler(
  route('listFeedbackRounds'),
  async (req, deps) => ({
    items: await makeListFeedbackRounds(deps)(hospitalIdOf(req), req.params.contractId),
    next: null,
  }),
  feedbackDeps,
);
