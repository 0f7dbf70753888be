import { isVendorRole, type HospitalFields } from '@weibao/domain';
import {
  allHospitals,
  hospitalById,
  saveHospital,
  type HospitalRecord,
  type Page,
} from '@weibao/store';
import { auditRecord } from '../audit-record.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor, Deps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';

const what = 'the hospital';

/** A hospital that exists and is not deleted, or 404. */
export async function requireHospital(deps: Deps, hospitalId: string): Promise<HospitalRecord> {
  const h = await hospitalById(deps.db, hospitalId);
  if (!h || h.deletedAt) throw notFound(what);
  return h;
}

export function makeListHospitals(deps: Deps) {
  return async (
    actor: Actor,
    page: { limit?: number; cursor?: string },
  ): Promise<Page<HospitalRecord>> => {
    if (isVendorRole(actor.role)) return mapStoreErrors(what, () => allHospitals(deps.db, page));
    // Everyone else sees exactly their own hospital, taken from the token.
    if (!actor.hospitalId) return { items: [], next: null };
    const own = await hospitalById(deps.db, actor.hospitalId);
    return { items: own && !own.deletedAt ? [own] : [], next: null };
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
        ),
      );
      return { hospital, created: true };
    } catch (err) {
      if (!(err instanceof AppError) || err.kind !== 'conflict') throw err;
      const existing = await hospitalById(deps.db, input.id);
      if (existing && !existing.deletedAt && sameFields(existing, input))
        return { hospital: existing, created: false };
      throw new AppError('conflict', `a hospital with id ${input.id} exists already`, {
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
    checkVersion(before.version, version, what);
    const now = deps.clock.now().toISOString();
    const after: HospitalRecord = {
      ...before,
      ...fields,
      version: before.version + 1,
      updatedAt: now,
    };
    await mapStoreErrors(what, () =>
      saveHospital(
        deps.db,
        after,
        { kind: 'update', expectedVersion: version },
        auditRecord(
          deps,
          actor,
          now,
          hospitalId,
          'hospital.update',
          { type: 'hospital', id: hospitalId },
          before,
          after,
        ),
      ),
    );
    return after;
  };
}

export function makeDeleteHospital(deps: Deps) {
  /** Soft delete: the record stays, marked and audited, and leaves every list. */
  return async (actor: Actor, hospitalId: string, version: number): Promise<HospitalRecord> => {
    const before = await requireHospital(deps, hospitalId);
    checkVersion(before.version, version, what);
    const now = deps.clock.now().toISOString();
    const after: HospitalRecord = {
      ...before,
      version: before.version + 1,
      updatedAt: now,
      deletedAt: now,
    };
    await mapStoreErrors(what, () =>
      saveHospital(
        deps.db,
        after,
        { kind: 'update', expectedVersion: version },
        auditRecord(
          deps,
          actor,
          now,
          hospitalId,
          'hospital.delete',
          { type: 'hospital', id: hospitalId },
          before,
          after,
        ),
      ),
    );
    return after;
  };
}

/** Fails early with the current version when the caller edited an older one; the write's condition guards the race. */
export function checkVersion(current: number, given: number, subject: string): void {
  if (current !== given) {
    throw new AppError(
      'conflict',
      `${subject} was changed by someone else (version ${current} is current, you sent ${given}); reload it and apply your change again`,
      {
        path: 'version',
        currentVersion: current,
      },
    );
  }
}
