import { routeById } from '@weibao/api';
import { makeAssignQuarantinedMail } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';
import { mailIntakeDeps } from '../lib/mail-deps.ts';

export const handler = httpHandler(
  routeById('assignQuarantinedMail'),
  (req, deps) => makeAssignQuarantinedMail(deps)(req.actor, req.params.quarantineId, req.body),
  mailIntakeDeps,
);
