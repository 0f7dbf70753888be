import { routeById } from '@weibao/api';
import { makeAcknowledgeNotice } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('acknowledgeAdvanceNotice'), (req, deps) =>
  makeAcknowledgeNotice(deps)(req.actor, hospitalIdOf(req), req.params.noticeId, req.body.version),
);
