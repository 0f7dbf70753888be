import { route } from '@weibao/api/routes/mail';
import { makeListQuarantinedMail } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('listQuarantinedMail'), (req, deps) =>
  makeListQuarantinedMail(deps)(req.query),
);
