import {
  calendarForContract,
  extensionOf,
  isVendorRole,
  objectionUntil,
  shanghaiDateOf,
} from '@weibao/domain';
import type { ContractRecord, ObligationRecord, ProofFile } from '@weibao/store';
import { workingDayCalendar } from '../calendar/working-days.ts';
import { AppError } from '../errors.ts';
import type { Actor, ObligationDeps } from '../ports.ts';
import { syncSchedules } from './obligation-planning.ts';
import {
  changeObligation,
  requireLiveContract,
  requireObligation,
  viewOf,
} from './obligation-use-cases.ts';
import { whoOf } from '../who.ts';
import { presignedUpload } from '../files/presigned-upload.ts';

/** Proof files an obligation may hold (requested and confirmed). */
export const maxProofsPerObligation = 20;

export interface ProofUploadInput {
  filename: string;
  contentType: string;
  sizeBytes: number;
}

type Ref = { hospitalId: string; contractId: string; obligationId: string };

/**
 * Hands out a presigned PUT for one proof file, after the route's schema allowed its declared name,
 * type and size. The object key starts with the hospital id and ends in an id of ours (the
 * declared file name is kept on the record, never put into the key).
 */
export function makeRequestProofUpload(deps: ObligationDeps) {
  return async (actor: Actor, ref: Ref, input: ProofUploadInput) => {
    await requireLiveContract(deps, ref.hospitalId, ref.contractId);
    const current = await requireObligation(deps, ref.hospitalId, ref.contractId, ref.obligationId);
    if (current.proofs.length >= maxProofsPerObligation)
      throw new AppError(
        'conflict',
        `该事项已有 ${maxProofsPerObligation} 个证明文件，更多文件请打包成一个 zip 上传`,
        { path: 'filename' },
      );
    const uploadId = deps.ids.next();
    const key = `hospitals/${ref.hospitalId}/contracts/${ref.contractId}/obligations/${ref.obligationId}/${uploadId}.${extensionOf(input.filename)}`;
    const at = deps.clock.now();
    const proof: ProofFile = {
      id: uploadId,
      key,
      filename: input.filename,
      contentType: input.contentType,
      sizeBytes: input.sizeBytes,
      status: 'requested',
      requestedAt: at.toISOString(),
      requestedBy: whoOf(actor),
      confirmedAt: null,
    };
    await changeObligation(deps, actor, ref, 'obligation.proof-requested', (b) => ({
      ...b,
      proofs: [...b.proofs, proof],
    }));
    return { uploadId, ...(await presignedUpload(deps, key, input)) };
  };
}

/**
 * Confirms an upload: the object must be there with the declared size and type (HEAD), else it is
 * deleted and the request refused. Then the file counts as proof and the obligation is done on
 * today's Shanghai date; its reminders stop. Confirming again changes nothing.
 *
 * Virus-scan hook: this is where a scan (e.g. GuardDuty Malware Protection for S3 tagging the
 * object) would be awaited before the file counts; see docs/obligations.md.
 */
export function makeConfirmProofUpload(deps: ObligationDeps) {
  return async (actor: Actor, ref: Ref, uploadId: string) => {
    const contract = await requireLiveContract(deps, ref.hospitalId, ref.contractId);
    const current = await requireObligation(deps, ref.hospitalId, ref.contractId, ref.obligationId);
    const proof = current.proofs.find((p) => p.id === uploadId);
    if (!proof) throw new AppError('not-found', '该事项没有这次上传');
    const day = shanghaiDateOf(deps.clock.now().getTime());
    if (proof.status === 'confirmed') return viewOf(current, day);
    const found = await deps.files.head(proof.key);
    if (!found)
      throw new AppError('invalid', '文件尚未上传完成，请先上传文件', {
        path: 'uploadId',
      });
    const mismatch =
      found.sizeBytes !== proof.sizeBytes
        ? {
            path: 'sizeBytes',
            message: `the file has ${found.sizeBytes} bytes, ${proof.sizeBytes} were declared`,
          }
        : (found.contentType ?? '').split(';')[0]?.trim().toLowerCase() !== proof.contentType
          ? {
              path: 'contentType',
              message: `the file was stored as ${found.contentType ?? 'no type'}, ${proof.contentType} was declared`,
            }
          : null;
    if (mismatch) {
      await deps.files.delete(proof.key);
      // The refused upload leaves no trace but its audit record: the file is gone, so is its entry.
      await changeObligation(deps, actor, ref, 'obligation.proof-refused', (b) =>
        b.proofs.some((x) => x.id === uploadId && x.status === 'requested')
          ? { ...b, proofs: b.proofs.filter((x) => x.id !== uploadId) }
          : null,
      );
      throw new AppError('invalid', `${mismatch.message}；本次上传已作废，请重新上传`, {
        path: mismatch.path,
      });
    }
    const review = await reviewWindow(deps, contract, actor, day);
    const after = await changeObligation(
      deps,
      actor,
      ref,
      'obligation.proof-confirmed',
      (b, at) => {
        const p = b.proofs.find((x) => x.id === uploadId);
        if (!p || p.status === 'confirmed') return null;
        return markDone(
          {
            ...b,
            proofs: b.proofs.map((x) =>
              x.id === uploadId ? { ...x, status: 'confirmed', confirmedAt: at } : x,
            ),
          },
          actor,
          at,
          day,
          review,
        );
      },
    );
    await syncSchedules(deps, contract, [after]);
    return viewOf(after, day);
  };
}

/**
 * The last day the hospital side may object to proof the vendor submits today, counted in the
 * contract's working days; null when the actor is on the hospital's side (its own proof needs no
 * confirmation).
 */
export async function reviewWindow(
  deps: Pick<ObligationDeps, 'db'>,
  contract: ContractRecord,
  actor: Actor,
  today: string,
): Promise<string | null> {
  if (!isVendorRole(actor.role)) return null;
  return objectionUntil(calendarForContract(contract.terms, await workingDayCalendar(deps)), today);
}

/**
 * Done on `day` with the proof just attached, unless it was done already. The vendor's proof
 * (`reviewUntil` given) waits for the hospital side: confirmed by its IT center, or counted once
 * that day has passed without an objection. Reminders stop either way: the vendor has delivered.
 */
export function markDone(
  o: ObligationRecord,
  actor: Actor,
  at: string,
  day: string,
  reviewUntil: string | null,
): ObligationRecord {
  if (o.doneOn !== null) return o;
  const who = whoOf(actor);
  return {
    ...o,
    doneOn: day,
    doneAt: at,
    doneBy: who,
    acceptance:
      reviewUntil === null
        ? null
        : {
            status: 'pending',
            submittedAt: at,
            submittedBy: who,
            objectionUntil: reviewUntil,
            decidedAt: null,
            decidedBy: null,
            reason: null,
          },
  };
}
