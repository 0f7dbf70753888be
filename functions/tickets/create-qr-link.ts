import { route } from '@weibao/api/routes/tickets';
import { makeCreateQrLink } from '@weibao/usecases';
import { hospitalIdOf, httpHandler, idempotencyKeyOf, withStatus } from '../lib/http.ts';
import { qrLinkDeps } from '../lib/qr-link-deps.ts';

/** 201 with the new link; 200 with the earlier one when the Idempotency-Key was seen. */
export const handler = httpHandler(
  route('createQrLink'),
  async (req, deps) => {
    const { link, created } = await makeCreateQrLink(deps)(
      req.actor,
      hospitalIdOf(req),
      req.body,
      idempotencyKeyOf(req),
    );
    return withStatus(created ? 201 : 200, link);
  },
  qrLinkDeps,
);
