import {
  createWorkRecord,
  workRecordById,
  workRecordsOfContract,
  type Page,
  type WorkRecord,
} from '@weibao/store';
import { earlierResult, keyedItems, keyedRequest } from '../idempotency.ts';
import { auditRecord } from '../audit-record.ts';
import type { Actor, PlanningDeps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { syncSchedules } from './obligation-planning.ts';
import {
  changeObligation,
  requireLiveContract,
  requireObligation,
} from './obligation-use-cases.ts';
import { markDone, reviewWindow } from './proof-files.ts';
import { shanghaiDateOf } from '@weibao/domain';
import { whoOf } from '../who.ts';

export type WorkRecordInput = Pick<
  WorkRecord,
  'kind' | 'obligationId' | 'performedOn' | 'summary' | 'restoreTest' | 'training'
>;

const scope = 'work-record.create';

/**
 * Records work done for a contract (清理, 恢复测试, 培训, 调优). Attached to an obligation, the
 * record is its proof: the obligation is done on the day the work was done (e.g. a monthly
 * clean-up's work record, 售后服务内容), once the hospital side confirms it or lets its objection
 * window pass (markDone). With an Idempotency-Key a retry returns the first record.
 */
export function makeAddWorkRecord(deps: PlanningDeps) {
  return async (
    actor: Actor,
    hospitalId: string,
    contractId: string,
    input: WorkRecordInput,
    idempotencyKey?: string,
  ): Promise<{ record: WorkRecord; created: boolean }> => {
    const contract = await requireLiveContract(deps, hospitalId, contractId);
    const keyed = keyedRequest(scope, idempotencyKey, { hospitalId, contractId, input });
    const earlier = await earlierResult(deps.db, hospitalId, keyed);
    const found = earlier && (await workRecordById(deps.db, hospitalId, contractId, earlier));
    if (found) {
      await attach(found);
      return { record: found, created: false };
    }
    if (input.obligationId)
      await requireObligation(deps, hospitalId, contractId, input.obligationId);
    const now = deps.clock.now();
    const at = now.toISOString();
    const record: WorkRecord = {
      ...input,
      id: deps.ids.next(),
      hospitalId,
      contractId,
      recordedAt: at,
      recordedBy: whoOf(actor),
      version: 1,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    };
    await mapStoreErrors('the work record', () =>
      createWorkRecord(
        deps.db,
        record,
        auditRecord(
          deps,
          actor,
          at,
          hospitalId,
          'work-record.create',
          { type: 'work-record', id: record.id },
          null,
          record,
        ),
        keyedItems(hospitalId, keyed, record.id, now.getTime()),
      ),
    );
    await attach(record);
    return { record, created: true };

    async function attach(r: WorkRecord) {
      if (!r.obligationId) return;
      const review = await reviewWindow(
        deps,
        contract,
        actor,
        shanghaiDateOf(deps.clock.now().getTime()),
      );
      const after = await changeObligation(
        deps,
        actor,
        { hospitalId, contractId, obligationId: r.obligationId },
        'obligation.work-record-attached',
        (b, at2) =>
          b.workRecordIds.includes(r.id)
            ? null
            : markDone(
                { ...b, workRecordIds: [...b.workRecordIds, r.id] },
                actor,
                at2,
                r.performedOn,
                review,
              ),
      );
      await syncSchedules(deps, contract, [after]);
    }
  };
}

export function makeListWorkRecords(deps: PlanningDeps) {
  return async (
    hospitalId: string,
    contractId: string,
    page: { limit?: number; cursor?: string },
  ): Promise<Page<WorkRecord>> => {
    await requireLiveContract(deps, hospitalId, contractId);
    return mapStoreErrors('the work records', () =>
      workRecordsOfContract(deps.db, hospitalId, contractId, page),
    );
  };
}
