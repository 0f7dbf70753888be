import { route } from '@weibao/api/routes/obligations';
import { makeListObligationsDue } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('listObligationsDue'), (req, deps) =>
  makeListObligationsDue(deps)(req.query, req.hospitalLimit),
);
