import { routeById } from '@weibao/api';
import { makeDeductionSummary } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(routeById('getDeductionSummary'), (req, deps) =>
  makeDeductionSummary(deps)(req.query, req.hospitalLimit),
);
