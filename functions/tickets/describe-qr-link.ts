import { route } from '@weibao/api/routes/tickets';
import { makeDescribeQrLink } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';
import { signedLinkDeps } from '../lib/notice-deps.ts';

// Public: the token names a QR link record, which is looked up; nothing is done.
export const handler = httpHandler(
  route('describeQrLink'),
  (req, deps) => makeDescribeQrLink(deps)(req.query.token),
  signedLinkDeps,
);
