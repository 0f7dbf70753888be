import { auditRecordsOfHospital, type ChainedAuditRecord, type Page } from '@weibao/store';
import type { Deps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';

export function makeListAuditRecords(deps: Deps) {
  return (
    hospitalId: string,
    page: { limit?: number; cursor?: string },
  ): Promise<Page<ChainedAuditRecord>> =>
    mapStoreErrors('the audit log', () => auditRecordsOfHospital(deps.db, hospitalId, page));
}
