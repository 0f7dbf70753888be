import { route } from '@weibao/api/routes/links';
import { makeAcknowledgeNoticeByLink } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';
import { signedLinkDeps } from '../lib/notice-deps.ts';

// Public: the signed token is the authorization, checked in the use case.
export const handler = httpHandler(
  route('acknowledgeNoticeByLink'),
  (req, deps) => makeAcknowledgeNoticeByLink(deps)(req.body.token),
  signedLinkDeps,
);
