import { route } from '@weibao/api/routes/channels';
import { makeUpdateChannel } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('updateChannel'), (req, deps) =>
  makeUpdateChannel(deps)(req.actor, hospitalIdOf(req), req.params.channelId, req.body),
);
