import { routeById } from '@weibao/api';
import { makeGetHospital } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('getHospital'), (req, deps) =>
  makeGetHospital(deps)(hospitalIdOf(req)),
);
