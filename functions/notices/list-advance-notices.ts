import { route } from '@weibao/api/routes/tickets';
import { makeListNotices } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('listAdvanceNotices'), (req, deps) =>
  makeListNotices(deps)(hospitalIdOf(req), req.query),
);
