import { route } from '@weibao/api/routes/contracts';
import { makeHospitalQuarter } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('getHospitalQuarter'), (req, deps) =>
  makeHospitalQuarter(deps)(hospitalIdOf(req)),
);
