import { routeById } from '@weibao/api';
import { makeContractDocument } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

// The evaluations and obligations stores are to be wired here as DocumentSources; until then the
// recorded entries and signatures print as blanks.
export const handler = httpHandler(routeById('getContractDocument'), (req, deps) =>
  makeContractDocument(deps)(
    hospitalIdOf(req),
    req.params.contractId,
    req.params.kind,
    req.query.quarter,
  ),
);
