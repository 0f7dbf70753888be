import { routeById } from '@weibao/api';
import { makeVendorQueue } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('getVendorQueue'), (req, deps) =>
  makeVendorQueue(deps)(req.query, req.hospitalLimit),
);
