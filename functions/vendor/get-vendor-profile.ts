import { route } from '@weibao/api/routes/vendor';
import { makeGetVendorProfile } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('getVendorProfile'), (_req, deps) =>
  makeGetVendorProfile(deps)(),
);
