import { route } from '@weibao/api/routes/inspections';
import { makeOpenTicketFromFinding } from '@weibao/usecases';
import { hospitalIdOf, httpHandler, withStatus } from '../lib/http.ts';
import { ticketDeps } from '../lib/ticket-deps.ts';

/** 201 when the ticket was opened now; 200 with the same ticket when the finding had opened it. */
export const handler = httpHandler(
  route('openTicketFromFinding'),
  async (req, deps) => {
    const { ticket, inspection, created } = await makeOpenTicketFromFinding(deps)(
      req.actor,
      hospitalIdOf(req),
      req.params.contractId,
      req.params.inspectionId,
      req.params.findingId,
    );
    return withStatus(created ? 201 : 200, { ticket, inspection });
  },
  ticketDeps,
);
