import {
  isVendorRole,
  quarterPeriods,
  type Role,
  shanghaiDateOf,
  startOfShanghaiDate,
  sumFen,
  toIsoInstant,
} from '@weibao/domain';
import {
  allPages,
  contractById,
  ledgerAcrossHospitalsBetween,
  ledgerEntryById,
  ledgerOfContract,
  saveLedgerEntry,
  type LedgerEntryRecord,
  type Page,
} from '@weibao/store';
import { auditRecord } from '../audit-record.ts';
import { mapBounded } from '../bounded-map.ts';
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

export function makeDeductionSummary(deps: Deps) {
  /** The vendor's view: deductions to date per contract and contract quarter, across hospitals. */
  return async (
    q: { from: string; to: string },
    /** An engineer limited to assigned hospitals sums only theirs. */
    hospitalLimit: readonly string[] | null = null,
  ) => {
    const from = toIsoInstant(startOfShanghaiDate(q.from));
    const to = toIsoInstant(startOfShanghaiDate(q.to) + 86_400_000);
    const entries = (
      await allPages((cursor) =>
        mapStoreErrors('the ledger', () =>
          ledgerAcrossHospitalsBetween(deps.db, from, to, {
            limit: 200,
            ...(cursor ? { cursor } : {}),
          }),
        ),
      )
    ).filter((e) => !hospitalLimit || hospitalLimit.includes(e.hospitalId));
    // Each contract once, a few at a time: one read after another took longer than the function
    // may run once the ledger spans many hospitals (a 500 in the isolation matrix under load).
    const contractKeys = [...new Set(entries.map((e) => `${e.hospitalId}#${e.contractId}`))];
    const contracts = new Map(
      await mapBounded(contractKeys, 8, async (key) => {
        const [hospitalId = '', contractId = ''] = key.split('#');
        return [key, await contractById(deps.db, hospitalId, contractId)] as const;
      }),
    );
    const rows = new Map<
      string,
      {
        hospitalId: string;
        contractId: string;
        quarter: number;
        entries: number;
        amountFen: number;
        disputedFen: number;
      }
    >();
    for (const e of entries) {
      const key = `${e.hospitalId}#${e.contractId}`;
      const contract = contracts.get(key);
      const day = shanghaiDateOf(e.reportedAt);
      const quarter = contract
        ? quarterPeriods(contract.terms.term).findIndex(
            (p) => p.startsOn <= day && day <= p.endsOn,
          ) + 1
        : 0;
      const rowKey = `${key}#${quarter}`;
      const row = rows.get(rowKey) ?? {
        hospitalId: e.hospitalId,
        contractId: e.contractId,
        quarter,
        entries: 0,
        amountFen: 0,
        disputedFen: 0,
      };
      row.entries += 1;
      if (entryStands(e)) row.amountFen += e.amountFen;
      else row.disputedFen += e.amountFen;
      rows.set(rowKey, row);
    }
    const items = [...rows.values()].sort(
      (a, b) =>
        a.hospitalId.localeCompare(b.hospitalId) ||
        a.contractId.localeCompare(b.contractId) ||
        a.quarter - b.quarter,
    );
    return { items, totalFen: sumFen(items) };
  };
}
