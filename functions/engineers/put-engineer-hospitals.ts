import { route } from '@weibao/api/routes/vendor';
import { makeAssignEngineer } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('putEngineerHospitals'), ({ actor, params, body }, deps) =>
  makeAssignEngineer(deps)(actor, params.sub, body),
);
