import type { Role } from '@weibao/domain';
import type { Db } from './client.ts';
import type { Page } from './cursor.ts';
import { queryPage } from './query-page.ts';
import { keys } from './keys.ts';

export interface AuditActor {
  sub: string;
  email: string | null;
  role: Role;
}

/** One audit record: who, when, what, before and after. Written in the same transaction as the change. */
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

export function auditItem(r: AuditRecord): Record<string, unknown> {
  return {
    ...keys.audit(r.hospitalId, r.id),
    ...keys.auditOfEntity(r.hospitalId, r.entity.type, r.entity.id, r.id),
    itemType: 'AuditRecord',
    ...r,
  };
}

/** Audit records of a hospital by time, newest first. */
export function auditRecordsOfHospital(
  db: Db,
  hospitalId: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<AuditRecord>> {
  return queryPage(db, { partition: keys.auditOfHospital(hospitalId), newestFirst: true, ...opts });
}
