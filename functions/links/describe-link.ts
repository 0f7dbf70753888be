import { route } from '@weibao/api/routes/links';
import { makeDescribeLink } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';
import { signedLinkDeps } from '../lib/notice-deps.ts';

// Public: says what a signed link will do, without doing it.
export const handler = httpHandler(
  route('describeLink'),
  (req, deps) => makeDescribeLink(deps)(req.query.token),
  signedLinkDeps,
);
