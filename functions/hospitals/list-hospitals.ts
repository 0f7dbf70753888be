import { routeById } from '@weibao/api';
import { makeListHospitals } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  routeById('listHospitals'),
  ({ actor, query, hospitalLimit }, deps) => makeListHospitals(deps)(actor, query, hospitalLimit),
);
