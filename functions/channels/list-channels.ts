import { route } from '@weibao/api/routes/channels';
import { makeListChannels } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('listChannels'), async (req, deps) => ({
  items: await makeListChannels(deps)(hospitalIdOf(req)),
  next: null,
}));
