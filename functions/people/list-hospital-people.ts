import { route } from '@weibao/api/routes/vendor';
import { makeListPeople } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('listHospitalPeople'), async ({ params }, deps) => ({
  items: await makeListPeople(deps)(params.hospitalId),
  next: null,
}));
