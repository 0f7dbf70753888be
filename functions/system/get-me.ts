import { route } from '@weibao/api/routes/system';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('getMe'), async ({ actor }) => ({
  sub: actor.sub,
  email: actor.email,
  role: actor.role,
  hospitalId: actor.hospitalId,
}));
