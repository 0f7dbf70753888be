import { routeById } from '@weibao/api';
import { makeCreateNotice } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';
import { advanceNoticeDeps } from '../lib/notice-deps.ts';

export const handler = httpHandler(
  routeById('createAdvanceNotice'),
  (req, deps) => makeCreateNotice(deps)(req.actor, hospitalIdOf(req), req.body),
  advanceNoticeDeps,
);
