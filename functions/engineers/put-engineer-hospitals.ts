import { routeById } from '@weibao/api';
import { makeAssignEngineer } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  routeById('putEngineerHospitals'),
  ({ actor, params, body }, deps) => makeAssignEngineer(deps)(actor, params.sub, body),
);
