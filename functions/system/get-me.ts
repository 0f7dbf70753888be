import { routeById } from '@weibao/api';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('getMe'), async ({ actor }) => ({
  sub: actor.sub,
  email: actor.email,
  role: actor.role,
  hospitalId: actor.hospitalId,
}));
