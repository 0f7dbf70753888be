import { route } from '@weibao/api/routes/vendor';
import { makeCreateHospital } from '@weibao/usecases';
import { httpHandler, withStatus } from '../lib/http.ts';

/** 201 when made, 200 when the same hospital existed already (a retried request). */
export const handler = httpHandler(route('createHospital'), async ({ actor, body }, deps) => {
  const { hospital, created } = await makeCreateHospital(deps)(actor, body);
  return withStatus(created ? 201 : 200, hospital);
});
