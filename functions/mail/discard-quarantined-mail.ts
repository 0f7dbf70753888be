import { route } from '@weibao/api/routes/mail';
import { makeDiscardQuarantinedMail } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('discardQuarantinedMail'), (req, deps) =>
  makeDiscardQuarantinedMail(deps)(req.actor, req.params.quarantineId, req.body),
);
