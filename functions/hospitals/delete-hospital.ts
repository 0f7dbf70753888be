import { route } from '@weibao/api/routes/vendor';
import { makeDeleteHospital } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('deleteHospital'), (req, deps) =>
  makeDeleteHospital(deps)(req.actor, hospitalIdOf(req), req.query.version),
);
