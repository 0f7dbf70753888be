import { route } from '@weibao/api/routes/vendor';
import { makeEnterCalendarYear } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';
import { planningDeps } from '../lib/obligation-deps.ts';

export const handler = httpHandler(
  route('putCalendarYear'),
  ({ actor, params, body }, deps) => makeEnterCalendarYear(deps)(actor, params.year, body),
  planningDeps,
);
