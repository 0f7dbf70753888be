import { route } from '@weibao/api/routes/tickets';
import { makeQrLinkPoster } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';
import { qrLinkDeps } from '../lib/qr-link-deps.ts';

export const handler = httpHandler(
  route('getQrLinkPoster'),
  (req, deps) => makeQrLinkPoster(deps)(hospitalIdOf(req), req.params.linkId),
  qrLinkDeps,
);
