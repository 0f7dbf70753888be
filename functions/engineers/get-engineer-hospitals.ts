import { routeById } from '@weibao/api';
import { makeGetEngineerAssignment } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('getEngineerHospitals'), ({ params }, deps) =>
  makeGetEngineerAssignment(deps)(params.sub),
);
