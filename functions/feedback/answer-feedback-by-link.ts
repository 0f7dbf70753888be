import { route } from '@weibao/api/routes/feedback';
import { makeAnswerFeedbackByLink } from '@weibao/usecases';
import { httpHandler, withStatus } from '../lib/http.ts';
import { feedbackAnswerDeps } from '../lib/feedback-deps.ts';
import { functionMetrics } from '../lib/metrics.ts';

// Public: the token names a department of an open round, checked in the use case.
/** 201 when the answer is recorded; 200 when the same answer was already (a retry). */
export const handler = httpHandler(
  route('answerFeedbackByLink'),
  async (req, deps) => {
    const { token, ...input } = req.body;
    const { answer, created } = await makeAnswerFeedbackByLink(deps)(token, input);
    if (created) functionMetrics().linkUsed();
    return withStatus(created ? 201 : 200, {
      department: answer.department,
      quarter: answer.quarter,
      answeredAt: answer.answeredAt,
    });
  },
  feedbackAnswerDeps,
);
