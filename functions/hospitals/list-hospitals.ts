import { route } from '@weibao/api/routes/vendor';
import { makeListHospitals } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  route('listHospitals'),
  ({ actor, query, hospitalLimit }, deps) => makeListHospitals(deps)(actor, query, hospitalLimit),
);
