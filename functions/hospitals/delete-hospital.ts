import { routeById } from '@weibao/api';
import { makeDeleteHospital } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('deleteHospital'), (req, deps) =>
  makeDeleteHospital(deps)(req.actor, hospitalIdOf(req), req.query.version),
);
