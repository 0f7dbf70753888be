import { route } from '@weibao/api/routes/mail';
import { makeAssignQuarantinedMail } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';
import { mailIntakeDeps } from '../lib/mail-deps.ts';

export const handler = httpHandler(
  route('assignQuarantinedMail'),
  (req, deps) => makeAssignQuarantinedMail(deps)(req.actor, req.params.quarantineId, req.body),
  mailIntakeDeps,
);
