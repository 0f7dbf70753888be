import { quarterPeriods } from '@weibao/domain';
import {
  allHospitals,
  keys,
  rollupKeyId,
  rollupQuarterEndsFen,
  rollupsAt,
  type ContractRecord,
  type HospitalRecord,
  type RollupFigures,
} from '@weibao/store';
import type { Deps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { contractsOfEach, limitedHospitals, pageOf } from './overview-from-rollups.ts';

const defaultLimit = 20;

export interface DeductionSummaryQuery {
  from: string;
  to: string;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface DeductionSummaryRow {
  hospitalId: string;
  contractId: string;
  contractName: string;
  quarter: number;
  startsOn: string;
  endsOn: string;
  entries: number;
  amountFen: number;
  disputedFen: number;
}

/**
 * The contract quarters of some hospitals that end between `from` and `to` and hold a deduction,
 * from their rollup cells: each hospital's contracts (one Query), then one BatchGet per 100
 * quarters. A deleted contract is left out, as the overview leaves it out.
 */
async function quarterRows(
  deps: Pick<Deps, 'db'>,
  hospitals: readonly Pick<HospitalRecord, 'id'>[],
  from: string,
  to: string,
): Promise<DeductionSummaryRow[]> {
  const contracts = await contractsOfEach(deps, hospitals);
  const quarters = hospitals.flatMap((h, i) =>
    (contracts[i] ?? [])
      .filter((c) => !c.deletedAt)
      .flatMap((contract: ContractRecord) =>
        quarterPeriods(contract.terms.term)
          .filter((p) => from <= p.endsOn && p.endsOn <= to)
          .map((period) => ({
            key: keys.rollupContractQuarter(h.id, contract.id, period.index),
            row: {
              hospitalId: h.id,
              contractId: contract.id,
              contractName: contract.terms.name,
              quarter: period.index,
              startsOn: period.startsOn,
              endsOn: period.endsOn,
            },
          })),
      ),
  );
  const cells = await mapStoreErrors('the deductions', () =>
    rollupsAt(
      deps.db,
      quarters.map((q) => q.key),
    ),
  );
  return quarters.flatMap(({ key, row }) => {
    const f = cells.get(rollupKeyId(key))?.figures as RollupFigures | undefined;
    return f && f.deductionEntries > 0
      ? [
          {
            ...row,
            entries: f.deductionEntries,
            amountFen: f.deductionsFen,
            disputedFen: f.withdrawnFen,
          },
        ]
      : [];
  });
}

/**
 * The vendor's deductions per contract quarter, a page of hospitals at a time, from the rollups
 * only: a page reads its hospitals' contracts and quarter cells, and the total reads one range of
 * each of the 8 total shards, so neither grows with the ledger nor, for the total, with hospitals.
 * An engineer limited to some hospitals reads all of theirs, for the total.
 */
export function makeDeductionSummary(deps: Deps) {
  return async (
    q: DeductionSummaryQuery,
    hospitalLimit: readonly string[] | null = null,
  ): Promise<{ items: DeductionSummaryRow[]; next: string | null; totalFen: number }> => {
    const limit = q.limit ?? defaultLimit;
    if (hospitalLimit) {
      const hospitals = await limitedHospitals(deps, hospitalLimit);
      const rows = await quarterRows(deps, hospitals, q.from, q.to);
      const page = await pageOf(
        hospitals.map((h) => ({ hospitalId: h.id })),
        limit,
        q.cursor,
      );
      const onPage = new Set(page.items.map((h) => h.hospitalId));
      return {
        items: rows.filter((r) => onPage.has(r.hospitalId)),
        next: page.next,
        totalFen: rows.reduce((sum, r) => sum + r.amountFen, 0),
      };
    }
    const [hospitals, totalFen] = await Promise.all([
      mapStoreErrors('the hospitals', () =>
        allHospitals(deps.db, { limit, ...(q.cursor ? { cursor: q.cursor } : {}) }),
      ),
      mapStoreErrors('the deductions', () => rollupQuarterEndsFen(deps.db, q.from, q.to)),
    ]);
    return {
      items: await quarterRows(
        deps,
        hospitals.items.filter((h) => !h.deletedAt),
        q.from,
        q.to,
      ),
      next: hospitals.next,
      totalFen,
    };
  };
}
