import {
  engineerAssignment,
  hospitalById,
  peopleOf,
  saveEngineerAssignment,
  vendorChainId,
} from '@weibao/store';
import { auditRecord } from '../audit-record.ts';
import { AppError } from '../errors.ts';
import type { Actor, Deps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { checkVersion } from '../versioned-change.ts';

/** What an engineer may reach: `null` every hospital, else exactly these. */
export interface EngineerAssignmentView {
  sub: string;
  hospitalIds: string[] | null;
  /** 0 while the engineer has never been limited (no record yet). */
  version: number;
  updatedAt: string | null;
}

const what = 'the engineer’s assignment';

export function makeGetEngineerAssignment(deps: Deps) {
  return async (sub: string): Promise<EngineerAssignmentView> => {
    const found = await engineerAssignment(deps.db, sub);
    return found
      ? {
          sub,
          hospitalIds: found.unlimited ? null : found.hospitalIds,
          version: found.version,
          updatedAt: found.updatedAt,
        }
      : { sub, hospitalIds: null, version: 0, updatedAt: null };
  };
}

/**
 * The vendor admin limits a support engineer to a set of hospitals (or lifts the limit with
 * `null`). Version-checked (0 = no limit recorded yet) and audited in the vendor's chain; every
 * hospital named must exist, so a typo cannot silently lock an engineer out.
 */
export function makeAssignEngineer(deps: Deps) {
  return async (
    actor: Actor,
    sub: string,
    input: { hospitalIds: string[] | null; version: number },
  ): Promise<EngineerAssignmentView> => {
    const before = await engineerAssignment(deps.db, sub);
    checkVersion(before?.version ?? 0, input.version, what);
    const wanted = input.hospitalIds === null ? null : [...new Set(input.hospitalIds)].sort();
    for (const [i, id] of (wanted ?? []).entries()) {
      const h = await hospitalById(deps.db, id);
      if (!h || h.deletedAt)
        throw new AppError('invalid', `没有医院 ${id}`, { path: `hospitalIds.${i}` });
    }
    const at = deps.clock.now().toISOString();
    // "Every hospital" is stored as a record without a list; its version keeps counting.
    const after = {
      sub,
      hospitalIds: wanted ?? [],
      unlimited: wanted === null,
      version: input.version + 1,
      updatedAt: at,
    };
    const audit = auditRecord(
      deps,
      actor,
      at,
      vendorChainId,
      'engineer.assign',
      { type: 'engineer', id: sub },
      before ?? null,
      after,
    );
    await mapStoreErrors(what, () =>
      saveEngineerAssignment(
        deps.db,
        after,
        before ? { kind: 'update', expectedVersion: before.version } : { kind: 'create' },
        audit,
      ),
    );
    return { sub, hospitalIds: wanted, version: after.version, updatedAt: at };
  };
}

/**
 * The hospitals a caller is limited to, for authorize(): null for everyone but a support engineer
 * with a recorded limit. One GetItem per engineer request, so a change applies at once.
 */
export async function hospitalLimitOf(
  deps: Pick<Deps, 'db'>,
  sub: string,
): Promise<string[] | null> {
  const found = await engineerAssignment(deps.db, sub);
  if (!found || found.unlimited) return null;
  return found.hospitalIds;
}

/**
 * The e-mail addresses of the support engineers who reach a hospital: the active engineers of the
 * vendor's directory whose assignment includes it, or who are not limited (no record: every
 * hospital). Read when a new fatal or serious ticket's notice is sent, so an assignment made a
 * minute ago counts; one Query and one GetItem per engineer, at once.
 */
export async function hospitalEngineerEmails(
  deps: Pick<Deps, 'db'>,
  hospitalId: string,
): Promise<string[]> {
  const engineers = (await peopleOf(deps.db, vendorChainId)).filter(
    (p) => p.role === 'support-engineer' && p.state === 'active',
  );
  const assignments = await Promise.all(engineers.map((p) => engineerAssignment(deps.db, p.sub)));
  return engineers
    .filter((_, i) => {
      const a = assignments[i];
      return !a || a.unlimited || a.hospitalIds.includes(hospitalId);
    })
    .map((p) => p.email.toLowerCase());
}
