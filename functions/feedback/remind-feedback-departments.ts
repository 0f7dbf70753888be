import { route } from '@weibao/api/routes/feedback';
import { makeRemindFeedbackDepartments } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';
import { feedbackReminderDeps } from '../lib/feedback-deps.ts';

export const handler = httpHandler(
  route('remindFeedbackDepartments'),
  (req, deps) =>
    makeRemindFeedbackDepartments(deps)(
      req.actor,
      hospitalIdOf(req),
      req.params.contractId,
      req.params.quarter,
    ),
  feedbackReminderDeps,
);
