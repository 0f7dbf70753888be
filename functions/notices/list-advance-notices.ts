import { routeById } from '@weibao/api';
import { makeListNotices } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('listAdvanceNotices'), (req, deps) =>
  makeListNotices(deps)(hospitalIdOf(req), req.query),
);
