import { isVendorRole, type Role } from '@weibao/domain';
import {
  contractById,
  ledgerEntryById,
  ledgerOfContract,
  saveLedgerEntry,
  type LedgerEntryRecord,
  type Page,
} from '@weibao/store';
import { auditRecord } from '../audit-record.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor, Deps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { whoOf } from '../who.ts';

export function makeListLedger(deps: Deps) {
  return async (
    hospitalId: string,
    contractId: string,
    page: { limit?: number; cursor?: string },
  ): Promise<Page<LedgerEntryRecord>> => {
    const c = await contractById(deps.db, hospitalId, contractId);
    if (!c || c.deletedAt) throw notFound('the contract');
    return mapStoreErrors('the ledger', () =>
      ledgerOfContract(deps.db, hospitalId, contractId, page),
    );
  };
}

export function makeDisputeLedgerEntry(deps: Deps) {
  /** A dispute is appended to the entry and never removed; its outcome is recorded beside it. */
  return async (
    actor: Actor,
    hospitalId: string,
    contractId: string,
    entryId: string,
    input: { version: number } & (
      | { action: 'raise'; reason: string }
      | { action: 'decide'; disputeId: string; upheld: boolean; note: string }
    ),
  ): Promise<LedgerEntryRecord> => {
    const before = await ledgerEntryById(deps.db, hospitalId, contractId, entryId);
    if (!before) throw notFound('the ledger entry');
    if (before.version !== input.version) {
      throw new AppError('conflict', '该扣款记录已被他人修改，请刷新', {
        path: 'version',
        currentVersion: before.version,
      });
    }
    const at = deps.clock.now().toISOString();
    const who = whoOf(actor);
    let disputes = before.disputes;
    if (input.action === 'raise') {
      if (disputes.some((d) => d.outcome === null))
        throw new AppError('conflict', '此扣款尚有未裁定的异议', { path: 'action' });
      disputes = [
        ...disputes,
        {
          id: `d${disputes.length + 1}`,
          raisedAt: at,
          raisedBy: who,
          reason: input.reason,
          outcome: null,
        },
      ];
    } else {
      const d = disputes.find((x) => x.id === input.disputeId);
      if (!d) throw new AppError('invalid', '没有这项异议', { path: 'disputeId' });
      if (d.outcome) throw new AppError('conflict', '该异议已裁定', { path: 'disputeId' });
      // The other party decides: a dispute the vendor raised is decided by the hospital side, and back.
      if (isVendorRole(d.raisedBy.role as Role) === isVendorRole(actor.role)) {
        throw new AppError('forbidden', '异议须由对方裁定，提出方不能自行裁定');
      }
      disputes = disputes.map((x) =>
        x.id === d.id
          ? {
              ...x,
              outcome: { decidedAt: at, decidedBy: who, upheld: input.upheld, note: input.note },
            }
          : x,
      );
    }
    const after: LedgerEntryRecord = { ...before, disputes, version: before.version + 1 };
    await mapStoreErrors('the ledger entry', () =>
      saveLedgerEntry(
        deps.db,
        after,
        before.version,
        auditRecord(
          deps,
          actor,
          at,
          hospitalId,
          `ledger.dispute.${input.action}`,
          { type: 'ledger-entry', id: entryId },
          before,
          after,
        ),
      ),
    );
    return after;
  };
}

/** An entry counts unless a dispute of it was upheld. */
export const entryStands = (e: LedgerEntryRecord) => !e.disputes.some((d) => d.outcome?.upheld);
