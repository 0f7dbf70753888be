import { routeById } from '@weibao/api';
import { makeDiscardQuarantinedMail } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('discardQuarantinedMail'), (req, deps) =>
  makeDiscardQuarantinedMail(deps)(req.actor, req.params.quarantineId, req.body),
);
