import { route } from '@weibao/api/routes/contracts';
import { makeContractDocument, storedDocumentSources } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

// The vendor's name is printed by hand on the seal line until the vendor has a profile of its own.
export const handler = httpHandler(route('getContractDocument'), (req, deps) =>
  makeContractDocument(deps, storedDocumentSources())(
    hospitalIdOf(req),
    req.params.contractId,
    req.params.kind,
    req.query.quarter,
  ),
);
