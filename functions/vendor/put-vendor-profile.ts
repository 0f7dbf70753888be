import { route } from '@weibao/api/routes/vendor';
import { makePutVendorProfile } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('putVendorProfile'), ({ actor, body }, deps) =>
  makePutVendorProfile(deps)(actor, body),
);
