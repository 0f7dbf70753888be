import { route } from '@weibao/api/routes/payments';
import { makeListPayments } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('listPayments'), async (req, deps) => ({
  items: await makeListPayments(deps)(hospitalIdOf(req), req.params.contractId),
}));
