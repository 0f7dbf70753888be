import { route } from '@weibao/api/routes/contracts';
import { makeGetQuarterAnalysisText } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('getQuarterAnalysis'), (req, deps) =>
  makeGetQuarterAnalysisText(deps)(hospitalIdOf(req), req.params.contractId, req.params.quarter),
);
