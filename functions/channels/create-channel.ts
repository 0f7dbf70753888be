import { route } from '@weibao/api/routes/channels';
import { makeCreateChannel } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('createChannel'), (req, deps) =>
  makeCreateChannel(deps)(req.actor, hospitalIdOf(req), req.body),
);
