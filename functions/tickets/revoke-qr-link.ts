import { route } from '@weibao/api/routes/tickets';
import { makeRevokeQrLink } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';
import { qrLinkDeps } from '../lib/qr-link-deps.ts';

export const handler = httpHandler(
  route('revokeQrLink'),
  (req, deps) =>
    makeRevokeQrLink(deps)(req.actor, hospitalIdOf(req), req.params.linkId, req.body.version),
  qrLinkDeps,
);
