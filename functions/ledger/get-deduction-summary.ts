import { route } from '@weibao/api/routes/contracts';
import { makeDeductionSummary } from '@weibao/usecases';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('getDeductionSummary'), (req, deps) =>
  makeDeductionSummary(deps)(req.query, req.hospitalLimit),
);
