import { route } from '@weibao/api/routes/tickets';
import { makeListQrLinks } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';
import { qrLinkDeps } from '../lib/qr-link-deps.ts';

export const handler = httpHandler(
  route('listQrLinks'),
  async (req, deps) => ({
    items: await makeListQrLinks(deps)(hospitalIdOf(req)),
    next: null,
  }),
  qrLinkDeps,
);
