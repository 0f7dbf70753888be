import { route } from '@weibao/api/routes/mail';
import { makeGetQuarantinedMail } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';
import { quarantineReadDeps } from '../lib/mail-deps.ts';

export const handler = httpHandler(
  route('getQuarantinedMail'),
  (req, deps) => makeGetQuarantinedMail(deps)(req.params.quarantineId),
  quarantineReadDeps,
);
