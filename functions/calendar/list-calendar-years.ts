import { route } from '@weibao/api/routes/vendor';
import { makeListCalendarYears } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('listCalendarYears'), async (_req, deps) => ({
  items: await makeListCalendarYears(deps)(),
  next: null,
}));
