import { route } from '@weibao/api/routes/feedback';
import { makeDescribeFeedbackLink } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';
import { signedLinkDeps } from '../lib/notice-deps.ts';

// Public: the token names a department of a stored round, which is looked up; nothing is done.
export const handler = httpHandler(
  route('describeFeedbackLink'),
  (req, deps) => makeDescribeFeedbackLink(deps)(req.query.token),
  signedLinkDeps,
);
