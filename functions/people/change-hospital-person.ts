import { route } from '@weibao/api/routes/vendor';
import { makeChangePerson } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';
import { peopleDeps } from '../lib/people-deps.ts';

export const handler = httpHandler(
  route('changeHospitalPerson'),
  ({ actor, params, body }, deps) =>
    makeChangePerson(deps)(actor, params.hospitalId, params.personId, body),
  peopleDeps,
);
