import { routeById } from '@weibao/api';
import { makeListQuarantinedMail } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('listQuarantinedMail'), (req, deps) =>
  makeListQuarantinedMail(deps)(req.query),
);
