import type { Role } from '@weibao/domain';
import type { ChainedAuditRecord } from './audit-chain.ts';
import type { Db } from './client.ts';
import type { Page } from './cursor.ts';
import { queryPage } from './query-page.ts';
import { keys } from './keys.ts';

export interface AuditActor {
  sub: string;
  email: string | null;
  role: Role;
}

/**
 * One audit record: who, when, what, before and after. Written in the same transaction as the
 * change, as the next link of the hospital's hash chain (audit-chain.ts adds seq and hashes).
 */
export interface AuditRecord {
  id: string;
  hospitalId: string;
  at: string;
  actor: AuditActor;
  action: string;
  entity: { type: string; id: string };
  before: unknown;
  after: unknown;
}

/** Audit records of a hospital, newest first: the chain backwards, i.e. the order the changes committed. */
export function auditRecordsOfHospital(
  db: Db,
  hospitalId: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<ChainedAuditRecord>> {
  return queryPage(db, { partition: keys.auditOfHospital(hospitalId), newestFirst: true, ...opts });
}
