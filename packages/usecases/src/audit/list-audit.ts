import {
  auditRecordsOfHospital,
  hospitalById,
  type ChainedAuditRecord,
  type Page,
} from '@weibao/store';
import { notFound } from '../errors.ts';
import type { Deps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';

export function makeListAuditRecords(deps: Deps) {
  /** The log of a hospital that exists; a soft-deleted hospital keeps its log, so it stays readable. */
  return async (
    hospitalId: string,
    page: { limit?: number; cursor?: string },
  ): Promise<Page<ChainedAuditRecord>> => {
    if (!(await hospitalById(deps.db, hospitalId))) throw notFound('the hospital');
    return mapStoreErrors('the audit log', () => auditRecordsOfHospital(deps.db, hospitalId, page));
  };
}
