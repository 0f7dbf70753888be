import { ledgerEntrySchema, listOf } from '@weibao/api';
import { shanghaiDateOf } from '@weibao/domain';
import type { TestStack } from './stack.ts';

type Entry = ReturnType<typeof ledgerEntrySchema.parse>;

/** A contract's ledger as the vendor admin reads it (its first 100 entries: a test's few). */
export async function ledgerOf(stack: TestStack, hospitalId: string, contractId: string) {
  const res = await stack.jsonAs(
    'admin@vendor.example',
    'GET',
    `/api/hospitals/${hospitalId}/contracts/${contractId}/ledger?limit=100`,
  );
  return listOf(ledgerEntrySchema).parse(res.body).items;
}

/**
 * What the deduction summary should say of one contract quarter, from the ledger itself: the
 * entries whose fault was reported in it (北京时间 days), what stands, and what a dispute upheld
 * withdrew.
 */
export function quarterSums(
  ledger: readonly Entry[],
  quarter: { startsOn: string; endsOn: string },
) {
  const inQuarter = ledger.filter((e) => {
    const day = shanghaiDateOf(e.reportedAt);
    return quarter.startsOn <= day && day <= quarter.endsOn;
  });
  const withdrawn = (e: Entry) => e.disputes.some((d) => d.outcome?.upheld);
  return {
    entries: inQuarter.length,
    amountFen: inQuarter.filter((e) => !withdrawn(e)).reduce((n, e) => n + e.amountFen, 0),
    disputedFen: inQuarter.filter(withdrawn).reduce((n, e) => n + e.amountFen, 0),
  };
}
