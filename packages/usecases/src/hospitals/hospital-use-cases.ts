import { hospitalMatches, isVendorRole, type HospitalFields } from '@weibao/domain';
import {
  allHospitals,
  hospitalById,
  hospitalIdByIntakeAddress,
  hospitalsById,
  intakeAddressItem,
  releaseIntakeAddress,
  saveHospital,
  type AuditRecord,
  type HospitalRecord,
  type Page,
} from '@weibao/store';
import { auditRecord } from '../audit-record.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor, Deps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { applyVersionedChange } from '../versioned-change.ts';

export { checkVersion } from '../versioned-change.ts';

const what = 'the hospital';

/** A hospital that exists and is not deleted, or 404. */
export async function requireHospital(deps: Deps, hospitalId: string): Promise<HospitalRecord> {
  const h = await hospitalById(deps.db, hospitalId);
  if (!h || h.deletedAt) throw notFound(what);
  return h;
}

/** What a hospital list asks for: a page, a page of a search's finds, or named hospitals. */
export interface HospitalListQuery {
  limit?: number;
  cursor?: string;
  /** Words a hospital's name, campuses, code, id or intake address holds. */
  q?: string;
  /** Exactly these hospitals (at most 100), in this order, of those one may see. */
  ids?: readonly string[];
}

export function makeListHospitals(deps: Deps) {
  return async (
    actor: Actor,
    query: HospitalListQuery,
    /** An engineer limited to assigned hospitals sees exactly those (read one by one, in id order). */
    hospitalLimit: readonly string[] | null = null,
  ): Promise<Page<HospitalRecord>> => {
    const live = (h: HospitalRecord | undefined): h is HospitalRecord => !!h && !h.deletedAt;
    const found = (h: HospitalRecord) => query.q === undefined || hospitalMatches(h, query.q);
    // Everyone but unlimited vendor staff sees a fixed few: the assignment, or their own hospital.
    const few = !isVendorRole(actor.role)
      ? actor.hospitalId
        ? [actor.hospitalId]
        : []
      : hospitalLimit;
    if (query.ids) {
      const wanted = few ? query.ids.filter((id) => few.includes(id)) : query.ids;
      const byId = await hospitalsById(deps.db, wanted);
      return { items: wanted.map(byId).filter(live), next: null };
    }
    if (few) {
      const records = await Promise.all([...few].sort().map((id) => hospitalById(deps.db, id)));
      return { items: records.filter(live).filter(found), next: null };
    }
    return mapStoreErrors(what, () =>
      allHospitals(deps.db, {
        limit: query.limit,
        cursor: query.cursor,
        ...(query.q === undefined ? {} : { matching: found }),
      }),
    );
  };
}

export function makeGetHospital(deps: Deps) {
  return (hospitalId: string) => requireHospital(deps, hospitalId);
}

export function makeCreateHospital(deps: Deps) {
  /** Idempotent: creating the same hospital again returns it; another hospital under a taken id is a conflict. */
  return async (
    actor: Actor,
    input: HospitalFields & { id: string },
  ): Promise<{ hospital: HospitalRecord; created: boolean }> => {
    const now = deps.clock.now().toISOString();
    const hospital: HospitalRecord = {
      ...input,
      version: 1,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    try {
      await mapStoreErrors(what, () =>
        saveHospital(
          deps.db,
          hospital,
          { kind: 'create' },
          auditRecord(
            deps,
            actor,
            now,
            input.id,
            'hospital.create',
            { type: 'hospital', id: input.id },
            null,
            hospital,
          ),
          // The intake address is unique: mail to it must lead to one hospital.
          [intakeAddressItem(input.intakeLocalPart, input.id)],
        ),
      );
      return { hospital, created: true };
    } catch (err) {
      if (!(err instanceof AppError) || err.kind !== 'conflict') throw err;
      const existing = await hospitalById(deps.db, input.id);
      if (existing && !existing.deletedAt && sameFields(existing, input))
        return { hospital: existing, created: false };
      if (!existing) {
        const holder = await hospitalIdByIntakeAddress(deps.db, input.intakeLocalPart);
        if (holder && holder !== input.id) throw intakeTaken(input.intakeLocalPart);
      }
      throw new AppError('conflict', `医院编号 ${input.id} 已存在`, {
        path: 'id',
      });
    }
  };
}

function sameFields(h: HospitalRecord, input: HospitalFields & { id: string }): boolean {
  return (Object.keys(input) as (keyof typeof input)[]).every(
    (k) => JSON.stringify(h[k]) === JSON.stringify(input[k]),
  );
}

export function makeUpdateHospital(deps: Deps) {
  return async (
    actor: Actor,
    hospitalId: string,
    patch: Partial<HospitalFields> & { version: number },
  ): Promise<HospitalRecord> => {
    const { version, ...fields } = patch;
    const before = await requireHospital(deps, hospitalId);
    const moved = fields.intakeLocalPart && fields.intakeLocalPart !== before.intakeLocalPart;
    // The old address's lookup goes in the same transaction, so another hospital may take it.
    // A hospital made before lookups existed may have none (or a stale one elsewhere): kept then.
    const oldLookupIsOurs =
      moved && (await hospitalIdByIntakeAddress(deps.db, before.intakeLocalPart)) === hospitalId;
    // A mailbox another hospital holds is refused at its field, before and (on a race) after the
    // write, never as a version conflict: reloading would not help the person who typed it.
    const refuseTakenIntake = async () => {
      if (!moved) return;
      const holder = await hospitalIdByIntakeAddress(deps.db, fields.intakeLocalPart as string);
      if (holder && holder !== hospitalId) throw intakeTaken(fields.intakeLocalPart as string);
    };
    await refuseTakenIntake();
    try {
      return await applyVersionedChange(deps, actor, {
        ...hospitalChange(deps, hospitalId, 'hospital.update'),
        ...(moved
          ? {
              save: (after: HospitalRecord, expectedVersion: number, audit: AuditRecord) =>
                saveHospital(
                  deps.db,
                  after,
                  { kind: 'update', expectedVersion },
                  audit,
                  [intakeAddressItem(fields.intakeLocalPart as string, hospitalId)],
                  oldLookupIsOurs ? [releaseIntakeAddress(before.intakeLocalPart, hospitalId)] : [],
                ),
            }
          : {}),
        before,
        expectedVersion: version,
        change: (before) => ({ ...before, ...fields }),
      });
    } catch (err) {
      if (err instanceof AppError && err.kind === 'conflict') await refuseTakenIntake();
      throw err;
    }
  };
}

const intakeTaken = (localPart: string) =>
  new AppError('conflict', `报障邮箱 ${localPart} 已被其他医院使用`, { path: 'intakeLocalPart' });

export function makeDeleteHospital(deps: Deps) {
  /** Soft delete: the record stays, marked and audited, and leaves every list. */
  return async (actor: Actor, hospitalId: string, version: number): Promise<HospitalRecord> =>
    applyVersionedChange(deps, actor, {
      ...hospitalChange(deps, hospitalId, 'hospital.delete'),
      before: await requireHospital(deps, hospitalId),
      expectedVersion: version,
      change: (before, at) => ({ ...before, deletedAt: at }),
    });
}

/** What every version-checked change of a hospital shares: its subject, audit entity and save. */
function hospitalChange(deps: Deps, hospitalId: string, action: string) {
  return {
    what,
    hospitalId,
    action,
    entity: { type: 'hospital', id: hospitalId },
    save: (after: HospitalRecord, expectedVersion: number, audit: AuditRecord) =>
      saveHospital(deps.db, after, { kind: 'update', expectedVersion }, audit),
  };
}
