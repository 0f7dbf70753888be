import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ContractTerms } from '@weibao/domain';
import type { AuditRecord } from './audit.ts';
import { batchGetId, batchGetItems, type BatchGetOptions } from './batch-get.ts';
import type { Db } from './client.ts';
import type { Page } from './cursor.ts';
import { hospitalsById } from './hospitals.ts';
import { queryPage } from './query-page.ts';
import { keys, stripKeys } from './keys.ts';
import { versionedWrite, type WriteCondition } from './versioned-write.ts';

export interface ContractRecord {
  id: string;
  hospitalId: string;
  terms: ContractTerms;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export function contractItem(c: ContractRecord): Record<string, unknown> {
  return {
    ...keys.contract(c.hospitalId, c.id),
    ...(c.deletedAt ? {} : keys.contractByEnd(c.hospitalId, c.id, c.terms.term.endsOn)),
    itemType: 'Contract',
    ...c,
  };
}

export async function contractById(
  db: Db,
  hospitalId: string,
  contractId: string,
): Promise<ContractRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.contract(hospitalId, contractId) }),
  );
  return out.Item ? stripKeys<ContractRecord & Record<string, unknown>>(out.Item) : undefined;
}

/**
 * Many contracts, of any hospitals, in BatchGetItems of 100 keys (batchGetItems): for jobs that
 * walk every hospital, where one GetItem each would not fit their time. Answers a lookup.
 */
export async function contractsByRef(
  db: Db,
  refs: readonly { hospitalId: string; contractId: string }[],
  options?: BatchGetOptions,
): Promise<(hospitalId: string, contractId: string) => ContractRecord | undefined> {
  const found = await batchGetItems<ContractRecord>(
    db,
    refs.map((r) => keys.contract(r.hospitalId, r.contractId)),
    options,
  );
  return (hospitalId, contractId) => found.get(batchGetId(keys.contract(hospitalId, contractId)));
}

/**
 * How long a ticket read may show a contract's terms as this process last read them. A contract's
 * terms change a few times a year; a ticket is read ten times for each change it gets. Every
 * writer (events, timers, ledger, obligations) reads the contract itself; this is for reads only.
 * A save in this process forgets its contract at once, so the local stack (one process) never
 * shows old terms; across Lambda containers a change shows on ticket pages within this time.
 */
export const contractReadCacheMs = 60_000;
const contractReadCacheSize = 2_000;
const contractReads = new Map<
  string,
  { until: number; read: Promise<ContractRecord | undefined> }
>();
const cacheKey = (db: Db, hospitalId: string, contractId: string) =>
  `${db.tableName}\u0000${hospitalId}\u0000${contractId}`;

/**
 * The contract for a read that only shows it: from this process's last read when it is younger
 * than `contractReadCacheMs`, else from the table. Concurrent misses share one GetItem.
 */
export function contractForReading(
  db: Db,
  hospitalId: string,
  contractId: string,
): Promise<ContractRecord | undefined> {
  const key = cacheKey(db, hospitalId, contractId);
  const now = Date.now();
  const hit = contractReads.get(key);
  if (hit && hit.until > now) return hit.read;
  if (hit) contractReads.delete(key);
  // The oldest entry goes first (a Map iterates in insertion order).
  if (contractReads.size >= contractReadCacheSize)
    contractReads.delete(contractReads.keys().next().value as string);
  const read = contractById(db, hospitalId, contractId);
  contractReads.set(key, { until: now + contractReadCacheMs, read });
  // A failed read is not kept: the next request tries the table again.
  read.catch(() => {
    if (contractReads.get(key)?.read === read) contractReads.delete(key);
  });
  return read;
}

/** Contracts of a hospital that are not deleted, oldest first (ids are ULIDs). */
export function contractsOfHospital(
  db: Db,
  hospitalId: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<ContractRecord>> {
  const { pk, skPrefix } = keys.contractsOfHospital(hospitalId);
  return queryPage(db, {
    partition: { pk },
    sort: { prefix: skPrefix },
    withoutDeleted: true,
    ...opts,
  });
}

/** Contracts whose term ends on or before a date, across hospitals (renewals). */
export function contractsEndingBy(
  db: Db,
  endsOnOrBefore: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<ContractRecord>> {
  return queryPage(db, {
    index: 'gsi1',
    partition: { gsi1pk: 'CONTRACTS_BY_END' },
    sort: { upTo: `${endsOnOrBefore}#\uffff` },
    ...opts,
  });
}

/**
 * Whether any contract (not deleted) of any hospital still served (not removed) has a term ending
 * on or after a date: a few index items and their hospitals read, however many contracts there
 * are, unless many deleted ones or ones of removed hospitals come first.
 */
export async function anyContractEndingFrom(db: Db, endsOnOrAfter: string): Promise<boolean> {
  let cursor: string | undefined;
  do {
    const page: Page<ContractRecord> = await queryPage(db, {
      index: 'gsi1',
      partition: { gsi1pk: 'CONTRACTS_BY_END' },
      sort: { between: [endsOnOrAfter, '\uffff'] },
      withoutDeleted: true,
      limit: 10,
      ...(cursor ? { cursor } : {}),
    });
    if (page.items.length > 0) {
      const hospitalOf = await hospitalsById(db, [...new Set(page.items.map((c) => c.hospitalId))]);
      if (page.items.some((c) => hospitalOf(c.hospitalId)?.deletedAt === null)) return true;
    }
    cursor = page.next ?? undefined;
  } while (cursor);
  return false;
}

export async function saveContract(
  db: Db,
  c: ContractRecord,
  condition: WriteCondition,
  audit: AuditRecord,
  alsoCreate?: Record<string, unknown>[],
): Promise<void> {
  // Forgotten after the write too: a read that ran while it was under way may hold the old terms.
  const forget = () => contractReads.delete(cacheKey(db, c.hospitalId, c.id));
  forget();
  try {
    await versionedWrite(db, {
      item: contractItem(c),
      condition,
      audit,
      ...(alsoCreate ? { alsoCreate } : {}),
    });
  } finally {
    forget();
  }
}
