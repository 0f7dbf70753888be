import { routeById } from '@weibao/api';
import { makeListAuditRecords } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('listAuditRecords'), (req, deps) =>
  makeListAuditRecords(deps)(hospitalIdOf(req), req.query),
);
