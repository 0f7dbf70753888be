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
  /** The person's name when the token carried one. */
  name?: string;
}

/**
 * One audit record: who, when, what, before and after. Written in the same transaction as the
 * change, as the next link of the changed item's audit lane (audit-chain.ts adds lane, seq and hashes).
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

/** Audit records of a hospital, newest first by the time of the change (gsi2), across all its lanes. */
export function auditRecordsOfHospital(
  db: Db,
  hospitalId: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<ChainedAuditRecord>> {
  return queryPage(db, {
    index: 'gsi2',
    partition: keys.auditTimeline(hospitalId),
    newestFirst: true,
    ...opts,
  });
}
