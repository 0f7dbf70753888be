import { routeById } from '@weibao/api';
import { makeUpdateHospital } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('updateHospital'), (req, deps) =>
  makeUpdateHospital(deps)(req.actor, hospitalIdOf(req), req.body),
);
