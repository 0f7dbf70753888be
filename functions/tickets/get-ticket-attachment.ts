import { route } from '@weibao/api/routes/tickets';
import { makeGetTicketAttachment } from '@weibao/usecases';
import { filesDeps } from '../lib/evaluation-deps.ts';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  route('getTicketAttachment'),
  (req, deps) =>
    makeGetTicketAttachment(deps)(req.actor, hospitalIdOf(req), req.params.ticketId, req.query.key),
  filesDeps,
);
