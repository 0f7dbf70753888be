import { route } from '@weibao/api/routes/vendor';
import { makeGetHospital } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('getHospital'), (req, deps) =>
  makeGetHospital(deps)(hospitalIdOf(req)),
);
