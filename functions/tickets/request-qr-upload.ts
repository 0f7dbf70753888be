import { route } from '@weibao/api/routes/tickets';
import { makeRequestQrUpload } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';
import { qrUploadDeps } from '../lib/qr-link-deps.ts';

// Public: the token names a live QR link record, checked in the use case.
export const handler = httpHandler(
  route('requestQrUpload'),
  (req, deps) => makeRequestQrUpload(deps)(req.body.token, req.body.file),
  qrUploadDeps,
);
