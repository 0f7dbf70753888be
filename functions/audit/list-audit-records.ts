import { route } from '@weibao/api/routes/vendor';
import { makeListAuditRecords } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('listAuditRecords'), (req, deps) =>
  makeListAuditRecords(deps)(hospitalIdOf(req), req.query),
);
