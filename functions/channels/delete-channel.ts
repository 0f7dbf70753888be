import { route } from '@weibao/api/routes/channels';
import { makeDeleteChannel } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('deleteChannel'), (req, deps) =>
  makeDeleteChannel(deps)(req.actor, hospitalIdOf(req), req.params.channelId, req.query.version),
);
