import { route } from '@weibao/api/routes/vendor';
import { makeUpdateHospital } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('updateHospital'), (req, deps) =>
  makeUpdateHospital(deps)(req.actor, hospitalIdOf(req), req.body),
);
