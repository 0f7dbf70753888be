import { route } from '@weibao/api/routes/links';
import { makeAcknowledgeNoticeByLink } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';
import { functionMetrics } from '../lib/metrics.ts';
import { signedLinkDeps } from '../lib/notice-deps.ts';

// Public: the signed token is the authorization, checked in the use case.
export const handler = httpHandler(
  route('acknowledgeNoticeByLink'),
  async (req, deps) => {
    const acknowledged = await makeAcknowledgeNoticeByLink(deps)(req.body.token);
    functionMetrics().linkUsed();
    return acknowledged;
  },
  signedLinkDeps,
);
