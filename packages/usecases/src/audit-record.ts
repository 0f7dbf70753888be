import type { AuditRecord } from '@weibao/store';
import type { Actor, Deps } from './ports.ts';
import { whoOf } from './who.ts';

/** Builds the audit record of one change; the store writes it in the change's transaction. */
export function auditRecord(
  deps: Pick<Deps, 'ids'>,
  actor: Actor,
  at: string,
  hospitalId: string,
  action: string,
  entity: { type: string; id: string },
  before: unknown,
  after: unknown,
): AuditRecord {
  return {
    id: deps.ids.next(),
    hospitalId,
    at,
    actor: whoOf(actor),
    action,
    entity,
    before: before ?? null,
    after: after ?? null,
  };
}
