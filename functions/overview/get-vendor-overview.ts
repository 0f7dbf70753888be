import { route } from '@weibao/api/routes/vendor';
import { makeVendorOverview } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('getVendorOverview'), (req, deps) =>
  makeVendorOverview(deps)(req.hospitalLimit, req.query),
);
