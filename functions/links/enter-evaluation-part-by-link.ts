import { route } from '@weibao/api/routes/links';
import { makeEnterEvaluationPartByLink } from '@weibao/usecases';
import { withHash } from '../lib/evaluation-answer.ts';
import { httpHandler } from '../lib/http.ts';
import { signedLinkDeps } from '../lib/notice-deps.ts';

// Public: the signed token is the authorization, checked in the use case.
export const handler = httpHandler(
  route('enterEvaluationPartByLink'),
  async (req, deps) => {
    const { token, ...part } = req.body;
    return withHash(await makeEnterEvaluationPartByLink(deps)(token, part));
  },
  signedLinkDeps,
);
