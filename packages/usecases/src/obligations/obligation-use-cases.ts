import { obligationState, shanghaiDateOf, type ObligationState } from '@weibao/domain';
import {
  contractById,
  obligationById,
  obligationsOfContract,
  openObligationsDueBy,
  saveObligation,
  type ContractRecord,
  type ObligationRecord,
  type Page,
} from '@weibao/store';
import { AppError, notFound } from '../errors.ts';
import type { Actor, Deps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { applyVersionedChange } from '../versioned-change.ts';

export type ObligationView = Omit<ObligationRecord, 'acceptance'> & {
  acceptance: NonNullable<ObligationRecord['acceptance']> | null;
  state: ObligationState;
};

/**
 * open, awaiting (the vendor's proof within the hospital's objection window), done or overdue on a
 * Shanghai day; overdue only once the due date has passed.
 */
export function stateOn(o: ObligationRecord, day: string): ObligationState {
  try {
    return obligationState(o, o.doneOn, day, o.acceptance ?? null);
  } catch {
    // The due date lies in a year without published holidays: open until it is known (calendarGap says why).
    return 'open';
  }
}

export function viewOf(o: ObligationRecord, day: string): ObligationView {
  return { ...o, acceptance: o.acceptance ?? null, state: stateOn(o, day) };
}

export async function requireLiveContract(
  deps: Deps,
  hospitalId: string,
  contractId: string,
): Promise<ContractRecord> {
  const c = await contractById(deps.db, hospitalId, contractId);
  if (!c || c.deletedAt) throw notFound('the contract');
  return c;
}

export async function requireObligation(
  deps: Deps,
  hospitalId: string,
  contractId: string,
  obligationId: string,
): Promise<ObligationRecord> {
  const o = await obligationById(deps.db, hospitalId, contractId, obligationId);
  if (!o || o.deletedAt) throw notFound('the obligation');
  return o;
}

const today = (deps: Deps) => shanghaiDateOf(deps.clock.now().getTime());

export function makeListObligations(deps: Deps) {
  return async (
    hospitalId: string,
    contractId: string,
    page: { limit?: number; cursor?: string },
  ): Promise<Page<ObligationView>> => {
    await requireLiveContract(deps, hospitalId, contractId);
    const out = await mapStoreErrors('the obligations', () =>
      obligationsOfContract(deps.db, hospitalId, contractId, page),
    );
    const day = today(deps);
    return { items: out.items.map((o) => viewOf(o, day)), next: out.next };
  };
}

export function makeGetObligation(deps: Deps) {
  return async (hospitalId: string, contractId: string, obligationId: string) =>
    viewOf(await requireObligation(deps, hospitalId, contractId, obligationId), today(deps));
}

/**
 * The vendor's overview: open obligations of every hospital that are overdue or fall due within
 * `withinDays` days from today (Shanghai), the earliest first. One Query of gsi1.
 */
export function makeListObligationsDue(deps: Deps) {
  /**
   * Open obligations of every hospital due by a day. An engineer assigned to some hospitals sees
   * only theirs: a full page of them, and a cursor that names no other hospital's.
   */
  return async (
    page: {
      withinDays?: number;
      limit?: number;
      cursor?: string;
    },
    hospitalLimit: readonly string[] | null = null,
  ): Promise<Page<ObligationView> & { through: string }> => {
    const day = today(deps);
    const through = shanghaiDateOf(
      deps.clock.now().getTime() + (page.withinDays ?? 7) * 86_400_000,
    );
    const out = await mapStoreErrors('the obligations', () =>
      openObligationsDueBy(deps.db, through, {
        ...(page.limit !== undefined ? { limit: page.limit } : {}),
        ...(page.cursor !== undefined ? { cursor: page.cursor } : {}),
        hospitals: hospitalLimit,
      }),
    );
    return { items: out.items.map((o) => viewOf(o, day)), next: out.next, through };
  };
}

/**
 * One version-checked change of an obligation made by the system or a request that does not
 * carry a version (appending a proof, marking a reminder sent): read, change, write conditioned
 * on the version read, and on a concurrent change read again and re-apply, a few times.
 */
export async function changeObligation(
  deps: Deps,
  actor: Actor,
  ref: { hospitalId: string; contractId: string; obligationId: string },
  action: string,
  change: (before: ObligationRecord, at: string) => ObligationRecord | null,
): Promise<ObligationRecord> {
  for (let attempt = 0; ; attempt++) {
    const before = await requireObligation(deps, ref.hospitalId, ref.contractId, ref.obligationId);
    let unchanged = false;
    try {
      return await applyVersionedChange(deps, actor, {
        what: 'the obligation',
        hospitalId: ref.hospitalId,
        entity: { type: 'obligation', id: `${ref.contractId}/${ref.obligationId}` },
        action,
        before,
        expectedVersion: before.version,
        change: (b, at) => {
          const next = change(b, at);
          if (next === null) {
            unchanged = true;
            throw new NothingToChange(b);
          }
          return next;
        },
        save: (after, expectedVersion, audit) =>
          saveObligation(deps.db, after, { kind: 'update', expectedVersion }, audit),
      });
    } catch (err) {
      if (unchanged && err instanceof NothingToChange) return err.current;
      if (!(err instanceof AppError && err.kind === 'conflict') || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 60));
    }
  }
}

class NothingToChange extends Error {
  constructor(readonly current: ObligationRecord) {
    super('nothing to change');
  }
}
