import { routeById } from '@weibao/api';
import { makeGetQuarantinedMail } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';
import { quarantineReadDeps } from '../lib/mail-deps.ts';

export const handler = httpHandler(
  routeById('getQuarantinedMail'),
  (req, deps) => makeGetQuarantinedMail(deps)(req.params.quarantineId),
  quarantineReadDeps,
);
