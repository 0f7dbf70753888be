import { route } from '@weibao/api/routes/tickets';
import { makeReportByQrLink } from '@weibao/usecases';
import { httpHandler, idempotencyKeyOf, withStatus } from '../lib/http.ts';
import { qrReportDeps } from '../lib/qr-link-deps.ts';

// Public: the token names a live QR link record, checked in the use case.
/** 201 with the new ticket's number; 200 with the earlier one when the Idempotency-Key was seen. */
export const handler = httpHandler(
  route('reportByQrLink'),
  async (req, deps) => {
    const { token, ...report } = req.body;
    const { ticket, created } = await makeReportByQrLink(deps)(
      token,
      report,
      idempotencyKeyOf(req),
    );
    return withStatus(created ? 201 : 200, { number: ticket.number });
  },
  qrReportDeps,
);
