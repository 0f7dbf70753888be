import { route } from '@weibao/api/routes/contracts';
import { makePutQuarterAnalysisText } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('putQuarterAnalysis'), (req, deps) =>
  makePutQuarterAnalysisText(deps)(
    req.actor,
    hospitalIdOf(req),
    req.params.contractId,
    req.params.quarter,
    req.body,
  ),
);
