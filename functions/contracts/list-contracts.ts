import { route } from '@weibao/api/routes/contracts';
import { makeListContracts } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('listContracts'), (req, deps) =>
  makeListContracts(deps)(hospitalIdOf(req), req.query),
);
