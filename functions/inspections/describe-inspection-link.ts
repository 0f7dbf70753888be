import { route } from '@weibao/api/routes/inspections';
import { makeDescribeInspectionLink } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';
import { signedLinkDeps } from '../lib/notice-deps.ts';

// Public: says what a signing link is for, without doing anything.
export const handler = httpHandler(
  route('describeInspectionLink'),
  (req, deps) => makeDescribeInspectionLink(deps)(req.query.token),
  signedLinkDeps,
);
