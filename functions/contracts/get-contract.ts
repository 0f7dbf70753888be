import { route } from '@weibao/api/routes/contracts';
import { makeGetContract } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('getContract'), (req, deps) =>
  makeGetContract(deps)(hospitalIdOf(req), req.params.contractId),
);
