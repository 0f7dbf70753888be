import { route } from '@weibao/api/routes/tickets';
import { makeCreateNotice } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';
import { advanceNoticeDeps } from '../lib/notice-deps.ts';

export const handler = httpHandler(
  route('createAdvanceNotice'),
  (req, deps) => makeCreateNotice(deps)(req.actor, hospitalIdOf(req), req.body),
  advanceNoticeDeps,
);
