import { route } from '@weibao/api/routes/vendor';
import { makeInvitePerson } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';
import { peopleDeps } from '../lib/people-deps.ts';

export const handler = httpHandler(
  route('inviteHospitalPerson'),
  async ({ actor, params, body }, deps) =>
    (await makeInvitePerson(deps)(actor, params.hospitalId, body)).person,
  peopleDeps,
);
