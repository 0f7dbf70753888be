import type { ContractTerms } from '@weibao/domain';
import {
  allPages,
  contractById,
  contractsOfHospital,
  saveContract,
  type AuditRecord,
  type ContractRecord,
  type Page,
} from '@weibao/store';
import { earlierResult, keyedItems, keyedRequest } from '../idempotency.ts';
import { auditRecord } from '../audit-record.ts';
import { AppError, notFound } from '../errors.ts';
import { requireHospital } from '../hospitals/hospital-use-cases.ts';
import { planContractObligations } from '../obligations/obligation-planning.ts';
import type { Actor, Deps, PlanningDeps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { applyVersionedChange } from '../versioned-change.ts';

const what = 'the contract';

async function requireContract(
  deps: Deps,
  hospitalId: string,
  contractId: string,
): Promise<ContractRecord> {
  const c = await contractById(deps.db, hospitalId, contractId);
  if (!c || c.deletedAt) throw notFound(what);
  return c;
}

export function makeListContracts(deps: Deps) {
  return async (
    hospitalId: string,
    page: { limit?: number; cursor?: string },
  ): Promise<Page<ContractRecord>> => {
    await requireHospital(deps, hospitalId);
    return mapStoreErrors(what, () => contractsOfHospital(deps.db, hospitalId, page));
  };
}

export function makeGetContract(deps: Deps) {
  return (hospitalId: string, contractId: string) => requireContract(deps, hospitalId, contractId);
}

export function makeCreateContract(deps: PlanningDeps) {
  /**
   * With an Idempotency-Key, a retried request returns the contract the first one made instead
   * of a second contract: the key's record is written in the same transaction as the contract.
   * Its obligations are planned after it is saved; a retry plans again what a failure left out.
   */
  return async (
    actor: Actor,
    hospitalId: string,
    terms: ContractTerms,
    idempotencyKey?: string,
  ): Promise<{ contract: ContractRecord; created: boolean }> => {
    await requireHospital(deps, hospitalId);
    const keyed = keyedRequest('contract.create', idempotencyKey, { hospitalId, terms });
    const first = await earlierResult(deps.db, hospitalId, keyed);
    if (first) {
      const contract = await requireContract(deps, hospitalId, first);
      await planContractObligations(deps, actor, contract);
      return { contract, created: false };
    }
    const now = deps.clock.now();
    const at = now.toISOString();
    const contract: ContractRecord = {
      id: deps.ids.next(),
      hospitalId,
      terms,
      version: 1,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    };
    const companions = keyedItems(hospitalId, keyed, contract.id, now.getTime());
    try {
      await mapStoreErrors(what, () =>
        saveContract(
          deps.db,
          contract,
          { kind: 'create' },
          auditRecord(
            deps,
            actor,
            at,
            hospitalId,
            'contract.create',
            { type: 'contract', id: contract.id },
            null,
            contract,
          ),
          companions,
        ),
      );
    } catch (err) {
      // A concurrent retry with the same key won the race: answer with its contract.
      if (keyed && err instanceof AppError && err.kind === 'conflict') {
        const earlier = await earlierResult(deps.db, hospitalId, keyed);
        if (earlier) {
          const contract = await requireContract(deps, hospitalId, earlier);
          await planContractObligations(deps, actor, contract);
          return { contract, created: false };
        }
      }
      throw err;
    }
    await planContractObligations(deps, actor, contract);
    return { contract, created: true };
  };
}

/** A change of terms re-plans the obligations and their reminders (dates, cadences, calendar). */
export function makeUpdateContract(deps: PlanningDeps) {
  return async (
    actor: Actor,
    hospitalId: string,
    contractId: string,
    terms: ContractTerms,
    version: number,
  ): Promise<ContractRecord> => {
    const before = await requireContract(deps, hospitalId, contractId);
    if (before.version === version && terms.renewal.count < before.terms.renewal.count) {
      throw new AppError('invalid', '续签次数不能减少', {
        path: 'terms.renewal.count',
      });
    }
    const after = await applyVersionedChange(deps, actor, {
      ...contractChange(deps, hospitalId, contractId, 'contract.update'),
      before,
      expectedVersion: version,
      change: (b) => ({ ...b, terms }),
    });
    await planContractObligations(deps, actor, after);
    return after;
  };
}

/** A deleted contract's open obligations without proof go too, and so do their reminders. */
export function makeDeleteContract(deps: PlanningDeps) {
  return async (
    actor: Actor,
    hospitalId: string,
    contractId: string,
    version: number,
  ): Promise<ContractRecord> => {
    const after = await applyVersionedChange(deps, actor, {
      ...contractChange(deps, hospitalId, contractId, 'contract.delete'),
      before: await requireContract(deps, hospitalId, contractId),
      expectedVersion: version,
      change: (b, at) => ({ ...b, deletedAt: at }),
    });
    await planContractObligations(deps, actor, after);
    return after;
  };
}

/** What every version-checked change of a contract shares: its subject, audit entity and save. */
function contractChange(deps: Deps, hospitalId: string, contractId: string, action: string) {
  return {
    what,
    hospitalId,
    action,
    entity: { type: 'contract', id: contractId },
    save: (after: ContractRecord, expectedVersion: number, audit: AuditRecord) =>
      saveContract(deps.db, after, { kind: 'update', expectedVersion }, audit),
  };
}

/** The contracts of a hospital in force on a day (Asia/Shanghai): a hospital has a handful, read in pages. */
export async function contractsInForce(
  deps: Deps,
  hospitalId: string,
  day: string,
): Promise<ContractRecord[]> {
  const all = await allPages((cursor) =>
    contractsOfHospital(deps.db, hospitalId, { limit: 100, ...(cursor ? { cursor } : {}) }),
  );
  return all.filter((c) => c.terms.term.startsOn <= day && day <= c.terms.term.endsOn);
}
