import { calendarForContract, planObligations, type PlannedObligation } from '@weibao/domain';
import {
  allObligationsOfContract,
  canonicalJson,
  createObligations,
  newObligationRecord,
  obligationsPerTransaction,
  updateObligations,
  type ContractRecord,
  type ObligationRecord,
} from '@weibao/store';
import { auditRecord } from '../audit-record.ts';
import type { Actor, PlanningDeps } from '../ports.ts';
import { AppError } from '../errors.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { workingDayCalendar } from '../calendar/working-days.ts';
import { desiredSchedules } from './obligation-schedules.ts';

/** The fields of a stored obligation that come from the plan; the rest is what happened to it. */
const planFields = [
  'kind',
  'sequence',
  'owner',
  'proof',
  'sourceText',
  'reading',
  'milestoneId',
  'period',
  'nominalDueOn',
  'dueOn',
  'calendarGap',
] as const;

function fromPlan(p: PlannedObligation) {
  const { id: _id, ...rest } = p;
  return rest;
}

// Canonical: a map read back from DynamoDB need not keep the order its keys were written in.
const samePlan = (o: ObligationRecord, p: PlannedObligation) =>
  planFields.every((f) => canonicalJson(o[f] ?? null) === canonicalJson(p[f] ?? null));

/** What the audit record of a re-plan keeps of each obligation: what re-planning can change. */
const summary = (o: ObligationRecord) => ({
  id: o.id,
  period: o.period,
  nominalDueOn: o.nominalDueOn,
  dueOn: o.dueOn,
  deletedAt: o.deletedAt,
  version: o.version,
});

/** Has anything been proven on it: then it is history and never removed. */
export const hasProof = (o: ObligationRecord) =>
  o.doneOn !== null || o.proofs.some((f) => f.status === 'confirmed') || o.workRecordIds.length > 0;

export interface ReplanDecision {
  create: PlannedObligation[];
  /** Open obligations whose plan changed (due date, period, …), or removed ones planned again. */
  update: { before: ObligationRecord; plan: PlannedObligation }[];
  /** No longer planned and without proof: soft-deleted. */
  remove: ObligationRecord[];
  /** No longer planned but proven, or done: kept as they are. */
  keep: ObligationRecord[];
}

/**
 * What re-planning does with what is stored (pure): done obligations and anything with proof stay
 * as they are; open ones take the plan's new dates; new ones are created; ones the plan no longer
 * has are removed (soft) only when nothing was proven on them.
 */
export function replanDecision(
  stored: ObligationRecord[],
  planned: PlannedObligation[],
): ReplanDecision {
  const byId = new Map(stored.map((o) => [o.id, o]));
  const plannedIds = new Set(planned.map((p) => p.id));
  const out: ReplanDecision = { create: [], update: [], remove: [], keep: [] };
  for (const p of planned) {
    const o = byId.get(p.id);
    if (!o) out.create.push(p);
    else if (o.deletedAt !== null) out.update.push({ before: o, plan: p });
    else if (o.doneOn !== null) out.keep.push(o);
    else if (!samePlan(o, p)) out.update.push({ before: o, plan: p });
  }
  for (const o of stored) {
    if (plannedIds.has(o.id) || o.deletedAt !== null) continue;
    if (hasProof(o)) out.keep.push(o);
    else out.remove.push(o);
  }
  return out;
}

/**
 * Makes a contract's stored obligations follow its terms (planObligations), then its reminder
 * schedules. Idempotent: a second run finds nothing to change. Every write is version-checked and
 * audited; a deleted contract's open obligations are removed and their schedules with them.
 */
export async function planContractObligations(
  deps: PlanningDeps,
  actor: Actor,
  contract: ContractRecord,
): Promise<{ created: number; updated: number; removed: number }> {
  // The contract is saved already: a reminder marking an obligation meanwhile must not turn the
  // contract's answer into a 409. Planning is idempotent, so read again and re-plan.
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await planOnce(deps, actor, contract);
    } catch (err) {
      if (!(err instanceof AppError && err.kind === 'conflict') || attempt >= replanAttempts - 1)
        throw err;
      const ceilingMs = Math.min(1_000, 25 * 2 ** attempt);
      await new Promise((r) => setTimeout(r, ceilingMs / 2 + Math.random() * (ceilingMs / 2)));
    }
  }
}

const replanAttempts = 8;

async function planOnce(
  deps: PlanningDeps,
  actor: Actor,
  contract: ContractRecord,
): Promise<{ created: number; updated: number; removed: number }> {
  const { hospitalId, id: contractId } = contract;
  const planned = contract.deletedAt
    ? []
    : planObligations(
        contract.terms,
        calendarForContract(contract.terms, await workingDayCalendar(deps)),
      );
  const stored = await allObligationsOfContract(deps.db, hospitalId, contractId);
  const d = replanDecision(stored, planned);
  const at = deps.clock.now().toISOString();
  const created = d.create.map((p) => newObligationRecord(p, { hospitalId, contractId }, at));
  for (let i = 0; i < created.length; i += obligationsPerTransaction) {
    const chunk = created.slice(i, i + obligationsPerTransaction);
    await mapStoreErrors('the obligations', () =>
      createObligations(
        deps.db,
        chunk,
        auditRecord(
          deps,
          actor,
          at,
          hospitalId,
          'obligation.plan',
          { type: 'contract-obligations', id: contractId },
          null,
          { contractId, obligationIds: chunk.map((o) => o.id) },
        ),
      ),
    );
  }
  // Moved and removed ones, a transaction (and one audit record) per 90: a date change moves most
  // of a year's obligations at once.
  const edits = [
    ...d.update.map(({ before, plan }) => ({
      before,
      after: { ...before, ...fromPlan(plan), deletedAt: null },
    })),
    ...d.remove.map((before) => ({ before, after: { ...before, deletedAt: at } })),
  ].map(({ before, after }) => ({
    before,
    after: { ...after, version: before.version + 1, updatedAt: at },
  }));
  for (let i = 0; i < edits.length; i += obligationsPerTransaction) {
    const chunk = edits.slice(i, i + obligationsPerTransaction);
    await mapStoreErrors('the obligations', () =>
      updateObligations(
        deps.db,
        chunk.map((e) => ({ after: e.after, expectedVersion: e.before.version })),
        auditRecord(
          deps,
          actor,
          at,
          hospitalId,
          'obligation.replan',
          { type: 'contract-obligations', id: contractId },
          { contractId, obligations: chunk.map((e) => summary(e.before)) },
          { contractId, obligations: chunk.map((e) => summary(e.after)) },
        ),
      ),
    );
  }
  const changed: ObligationRecord[] = [...created, ...edits.map((e) => e.after)];
  // Only what changed needs its schedules touched; obligations made just now never had any.
  await syncSchedules(deps, contract, changed, { newIds: new Set(created.map((o) => o.id)) });
  return { created: created.length, updated: d.update.length, removed: d.remove.length };
}

/** Puts and removes the schedules these obligations need now. */
export async function syncSchedules(
  deps: PlanningDeps,
  contract: ContractRecord,
  obligations: ObligationRecord[],
  /** Obligations created in this very call: they have no schedule to remove. */
  options: { newIds?: ReadonlySet<string> } = {},
): Promise<void> {
  if (!deps.schedules) return;
  const calendar = await workingDayCalendar(deps);
  const { put, remove } = desiredSchedules(
    contract,
    obligations.filter((o) => !options.newIds?.has(o.id)),
    deps.clock.now().getTime(),
    calendar,
  );
  const fresh = desiredSchedules(
    contract,
    obligations.filter((o) => options.newIds?.has(o.id)),
    deps.clock.now().getTime(),
    calendar,
  );
  await deps.schedules.remove(remove);
  put.push(...fresh.put);
  await deps.schedules.put(put);
}
