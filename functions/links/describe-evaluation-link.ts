import { route } from '@weibao/api/routes/links';
import { makeDescribeEvaluationLink } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';
import { signedLinkDeps } from '../lib/notice-deps.ts';

// Public: says what an evaluation link is for, without doing anything.
export const handler = httpHandler(
  route('describeEvaluationLink'),
  (req, deps) => makeDescribeEvaluationLink(deps)(req.query.token),
  signedLinkDeps,
);
