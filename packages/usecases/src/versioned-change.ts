import type { AuditRecord } from '@weibao/store';
import { auditRecord } from './audit-record.ts';
import { AppError, subjectZh } from './errors.ts';
import type { Actor, Deps } from './ports.ts';
import { mapStoreErrors } from './store-errors.ts';

interface Versioned {
  version: number;
  updatedAt: string;
}

/** Fails early with the current version when the caller edited an older one; the write's condition guards the race. */
export function checkVersion(current: number, given: number, subject: string): void {
  if (current !== given) {
    throw new AppError(
      'conflict',
      `${subjectZh(subject)}已被他人修改（当前版本 ${current}，您提交的是版本 ${given}），请刷新后重新修改`,
      { path: 'version', currentVersion: current },
    );
  }
}

/**
 * The one shape of every edit: check the version the caller read, make the next version, save it
 * conditioned on that version together with its audit record. Returns what was stored.
 */
export async function applyVersionedChange<T extends Versioned>(
  deps: Deps,
  actor: Actor,
  c: {
    /** For messages: "the contract". */
    what: string;
    hospitalId: string;
    entity: { type: string; id: string };
    action: string;
    before: T;
    expectedVersion: number;
    change: (before: T, at: string) => T;
    save: (after: T, expectedVersion: number, audit: AuditRecord) => Promise<void>;
  },
): Promise<T> {
  checkVersion(c.before.version, c.expectedVersion, c.what);
  const at = deps.clock.now().toISOString();
  const after: T = { ...c.change(c.before, at), version: c.before.version + 1, updatedAt: at };
  const audit = auditRecord(deps, actor, at, c.hospitalId, c.action, c.entity, c.before, after);
  await mapStoreErrors(c.what, () => c.save(after, c.expectedVersion, audit));
  return after;
}

/**
 * Saves `after` as the next version of `before` (or creates it when there is none), conditioned on
 * the version read, together with its audit record. For records whose next state is computed
 * whole (an evaluation, an inspection, a quarter's package); returns what was stored.
 */
export async function saveNextVersion<T extends Versioned & { hospitalId: string }>(
  deps: Deps,
  actor: Actor,
  c: {
    what: string;
    action: string;
    entity: { type: string; id: string };
    before: T | null;
    after: T;
    save: (
      next: T,
      condition: { kind: 'create' } | { kind: 'update'; expectedVersion: number },
      audit: AuditRecord,
    ) => Promise<void>;
  },
): Promise<T> {
  const at = deps.clock.now().toISOString();
  const next: T = c.before ? { ...c.after, version: c.before.version + 1, updatedAt: at } : c.after;
  const audit = auditRecord(deps, actor, at, next.hospitalId, c.action, c.entity, c.before, next);
  await mapStoreErrors(c.what, () =>
    c.save(
      next,
      c.before ? { kind: 'update', expectedVersion: c.before.version } : { kind: 'create' },
      audit,
    ),
  );
  return next;
}
