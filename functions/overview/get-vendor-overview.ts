import { routeById } from '@weibao/api';
import { makeVendorOverview } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('getVendorOverview'), (req, deps) =>
  makeVendorOverview(deps)(req.hospitalLimit),
);
