import { route } from '@weibao/api/routes/contracts';
import { makeDisputeLedgerEntry } from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

export const handler = httpHandler(route('disputeLedgerEntry'), (req, deps) =>
  makeDisputeLedgerEntry(deps)(
    req.actor,
    hospitalIdOf(req),
    req.params.contractId,
    req.params.entryId,
    req.body,
  ),
);
