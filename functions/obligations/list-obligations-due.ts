import { routeById } from '@weibao/api';
import { makeListObligationsDue } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('listObligationsDue'), (req, deps) =>
  makeListObligationsDue(deps)(req.query, req.hospitalLimit),
);
