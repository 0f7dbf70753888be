import { route } from '@weibao/api/routes/vendor';
import { makeListPeople } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('listVendorPeople'), async (_req, deps) => ({
  items: await makeListPeople(deps)(null),
  next: null,
}));
