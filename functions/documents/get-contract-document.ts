import { route } from '@weibao/api/routes/contracts';
import {
  makeContractDocument,
  makeGetVendorProfile,
  storedDocumentSources,
  vendorLine,
} from '@weibao/usecases';
import { hospitalIdOf, httpHandler } from '../lib/http.ts';

// 服务提供方 is the vendor's profile as a vendor admin entered it; blank until then.
export const handler = httpHandler(route('getContractDocument'), async (req, deps) =>
  makeContractDocument(deps, storedDocumentSources(vendorLine(await makeGetVendorProfile(deps)())))(
    hospitalIdOf(req),
    req.params.contractId,
    req.params.kind,
    req.query.quarter,
  ),
);
