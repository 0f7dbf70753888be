import { shanghaiDateOf } from '@weibao/domain';
import { saveObligation, type ObligationRecord } from '@weibao/store';
import { AppError } from '../errors.ts';
import type { Actor, ObligationDeps } from '../ports.ts';
import { applyVersionedChange } from '../versioned-change.ts';
import { syncSchedules } from './obligation-planning.ts';
import { requireLiveContract, requireObligation, viewOf } from './obligation-use-cases.ts';
import { whoOf } from '../who.ts';

export interface AcceptanceDecision {
  /** The obligation's version the person saw. */
  version: number;
  decision: 'confirm' | 'object';
  /** Why the proof does not do (required to object). */
  reason?: string | undefined;
}

type Ref = { hospitalId: string; contractId: string; obligationId: string };

/**
 * The hospital's IT center confirms the vendor's proof of an obligation, or objects to it with a
 * reason, within its objection window. Confirming makes the obligation done at once; an objection
 * re-opens it (its reminders come back and it is overdue again after its due date) until the
 * vendor proves it anew. The same decision sent again answers what is stored.
 */
export function makeDecideProofAcceptance(deps: ObligationDeps) {
  return async (actor: Actor, ref: Ref, input: AcceptanceDecision) => {
    const contract = await requireLiveContract(deps, ref.hospitalId, ref.contractId);
    const before = await requireObligation(deps, ref.hospitalId, ref.contractId, ref.obligationId);
    const day = shanghaiDateOf(deps.clock.now().getTime());
    const reason = input.reason?.trim() ?? '';
    if (input.decision === 'object' && reason === '')
      throw new AppError('invalid', '请写明异议理由，服务商据此补充或重做', { path: 'reason' });
    const a = before.acceptance ?? null;
    // Sent again (a retry, or a colleague with the same answer): what is stored.
    if (a && sameDecision(a, input.decision, reason)) return viewOf(before, day);
    if (!a || a.status !== 'pending')
      throw new AppError('conflict', '该事项没有等待确认的证明', { path: 'decision' });
    if (day > a.objectionUntil)
      throw new AppError('conflict', `异议期已于 ${a.objectionUntil} 结束，该证明已视为确认`, {
        path: 'decision',
      });
    const who = whoOf(actor);
    const after = await applyVersionedChange(deps, actor, {
      what: 'the obligation',
      hospitalId: ref.hospitalId,
      entity: { type: 'obligation', id: `${ref.contractId}/${ref.obligationId}` },
      action:
        input.decision === 'confirm' ? 'obligation.proof-accepted' : 'obligation.proof-objected',
      before,
      expectedVersion: input.version,
      change: (b: ObligationRecord, at: string): ObligationRecord => {
        const decided = { ...a, decidedAt: at, decidedBy: who };
        return input.decision === 'confirm'
          ? { ...b, acceptance: { ...decided, status: 'confirmed', reason: null } }
          : {
              ...b,
              doneOn: null,
              doneAt: null,
              doneBy: null,
              acceptance: { ...decided, status: 'objected', reason },
            };
      },
      save: (next, expectedVersion, audit) =>
        saveObligation(deps.db, next, { kind: 'update', expectedVersion }, audit),
    });
    // An objection brings the reminders back; a confirmation changes none.
    if (input.decision === 'object') await syncSchedules(deps, contract, [after]);
    return viewOf(after, day);
  };
}

const sameDecision = (
  a: NonNullable<ObligationRecord['acceptance']>,
  decision: AcceptanceDecision['decision'],
  reason: string,
) =>
  decision === 'confirm'
    ? a.status === 'confirmed'
    : a.status === 'objected' && a.reason === reason;
