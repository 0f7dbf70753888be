import { route } from '@weibao/api/routes/tickets';
import { makeRequestTicketUpload } from '@weibao/usecases';
import { filesDeps } from '../lib/evaluation-deps.ts';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  route('requestTicketUpload'),
  (req, deps) => makeRequestTicketUpload(deps)(hospitalIdOf(req), req.body),
  filesDeps,
);
