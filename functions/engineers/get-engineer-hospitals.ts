import { route } from '@weibao/api/routes/vendor';
import { makeGetEngineerAssignment } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('getEngineerHospitals'), ({ params }, deps) =>
  makeGetEngineerAssignment(deps)(params.sub),
);
