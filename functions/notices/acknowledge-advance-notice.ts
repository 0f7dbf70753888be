import { route } from '@weibao/api/routes/tickets';
import { makeAcknowledgeNotice } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('acknowledgeAdvanceNotice'), (req, deps) =>
  makeAcknowledgeNotice(deps)(req.actor, hospitalIdOf(req), req.params.noticeId, req.body.version),
);
