import { route } from '@weibao/api/routes/tickets';
import { makeVendorQueue } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('getVendorQueue'), (req, deps) =>
  makeVendorQueue(deps)(req.query, req.hospitalLimit),
);
