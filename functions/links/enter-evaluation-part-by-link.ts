import { route } from '@weibao/api/routes/links';
import { makeEnterEvaluationPartByLink } from '@weibao/usecases';
import { withHash } from '../lib/evaluation-answer.ts';
import { httpHandler } from '../lib/http.ts';
import { functionMetrics } from '../lib/metrics.ts';
import { signedLinkDeps } from '../lib/notice-deps.ts';

// Public: the signed token is the authorization, checked in the use case.
export const handler = httpHandler(
  route('enterEvaluationPartByLink'),
  async (req, deps) => {
    const { token, ...part } = req.body;
    const evaluation = await makeEnterEvaluationPartByLink(deps)(token, part);
    functionMetrics().linkUsed();
    return withHash(evaluation);
  },
  signedLinkDeps,
);
