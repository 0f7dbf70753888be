import { routeById } from '@weibao/api';
import { makeListContracts } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('listContracts'), (req, deps) =>
  makeListContracts(deps)(hospitalIdOf(req), req.query),
);
