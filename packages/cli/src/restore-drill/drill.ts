import {
  DeleteTableCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  RestoreTableToPointInTimeCommand,
  waitUntilTableExists,
  waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import {
  exportLine,
  hospitalItems,
  importHospitalItems,
  makeDb,
  parseExportLine,
  verifyAuditChain,
  type Db,
  type StoredItem,
} from '@weibao/store';
import { ensureTable } from '@weibao/store/create-table';
import {
  censusOfItems,
  historyContained,
  hospitalsInCopy,
  listedHospitals,
  takeCensus,
} from './census.ts';
import {
  compareHospital,
  drillPasses,
  type DrillReport,
  type HospitalCensus,
  type HospitalResult,
} from './report.ts';

export interface DrillOptions {
  source: Db;
  /** How the source is named in the report, e.g. `table weibao at http://127.0.0.1:3001`. */
  sourceLabel: string;
  now?: () => Date;
  /** Progress lines (stderr). */
  log?: (line: string) => void;
  /** Runs once the copy exists and before it is checked (tests tamper with it here). */
  afterRestore?: (copy: Db) => Promise<void>;
  /** AWS: how long to wait for the restore (default 4 hours; large tables take hours). */
  restoreTimeoutSeconds?: number;
  /** AWS: how long to wait until the restore point is restorable (default 15 minutes). */
  restorableTimeoutSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
}

const stamp = (d: Date) =>
  d.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');

/** Checks every hospital of the copy against its census in the source. */
async function checkCopy(
  source: Db,
  copy: Db,
  censuses: Map<string, HospitalCensus>,
  now: () => Date,
  log: (line: string) => void,
): Promise<HospitalResult[]> {
  // Hospitals only the full read of the copy finds (soft-deleted ones) are counted in the source
  // now: their audit clocks show whether they changed since the restore point.
  for (const id of await hospitalsInCopy(copy))
    if (!censuses.has(id)) censuses.set(id, await takeCensus(source, id, now));
  const results: HospitalResult[] = [];
  for (const [id, src] of censuses) {
    const copied = await takeCensus(copy, id, now);
    const empty = copied.items === 0 && copied.auditHead.seq === 0;
    const audit = empty ? null : await verifyAuditChain(copy, id);
    let sameHistory = false;
    if (!empty && copied.auditHead.seq !== src.auditHead.seq)
      sameHistory =
        copied.auditHead.seq < src.auditHead.seq
          ? await historyContained(copy, source, id)
          : await historyContained(source, copy, id);
    const result = compareHospital(src, empty ? null : copied, audit, () => sameHistory);
    log(
      `${result.pass ? 'ok  ' : 'FAIL'} ${id}: ${src.items} / ${copied.items} items, audit ${audit?.ok ? 'intact' : audit ? 'BROKEN' : 'not checked'}`,
    );
    results.push(result);
  }
  return results.sort((a, b) => a.hospitalId.localeCompare(b.hospitalId));
}

async function deleteCopy(copy: Db): Promise<DrillReport['cleanup']> {
  try {
    await copy.raw.send(new DeleteTableCommand({ TableName: copy.tableName }));
    await waitUntilTableNotExists(
      { client: copy.raw, maxWaitTime: 600 },
      { TableName: copy.tableName },
    );
    return { deleted: true };
  } catch (err) {
    return {
      deleted: false,
      problem: `${(err as Error).message}; 请手动删除 delete it by hand: aws dynamodb delete-table --table-name ${copy.tableName}`,
    };
  }
}

/**
 * The local drill: every hospital exported (the same Query and line format as `weibao export`),
 * imported into a scratch table (as `weibao import` does), then counted and its audit chain
 * verified there. The export is the restore point, so each hospital's counts must match exactly.
 */
export async function localRestoreDrill(o: DrillOptions): Promise<DrillReport> {
  const now = o.now ?? (() => new Date());
  const log = o.log ?? (() => {});
  const startedAt = now().toISOString();
  const copy = makeDb(`${o.source.tableName}-drill-${stamp(now())}`, o.source.raw);
  // DynamoDB Local only: listing soft-deleted hospitals reads the whole (local) table.
  const ids = [
    ...new Set([...(await listedHospitals(o.source)), ...(await hospitalsInCopy(o.source))]),
  ];
  log(`copy: ${copy.tableName}, ${ids.length} hospitals (the vendor’s chain included)`);
  await ensureTable(copy.raw, copy.tableName);
  const censuses = new Map<string, HospitalCensus>();
  let hospitals: HospitalResult[] = [];
  let restorePoint = startedAt;
  let cleanup: DrillReport['cleanup'];
  try {
    for (const id of ids) {
      const lines: string[] = [];
      for await (const item of hospitalItems(o.source, id)) lines.push(exportLine(item));
      const items: StoredItem[] = lines.map((line, i) => parseExportLine(line, i + 1));
      censuses.set(id, censusOfItems(id, items, now().toISOString()));
      if (items.length > 0) await importHospitalItems(copy, items);
      log(`exported and imported ${id}: ${items.length} items`);
    }
    restorePoint = now().toISOString();
    await o.afterRestore?.(copy);
    hospitals = await checkCopy(o.source, copy, censuses, now, log);
  } finally {
    cleanup = await deleteCopy(copy);
  }
  return {
    method: 'export-import',
    sourceTable: o.sourceLabel,
    copyTable: copy.tableName,
    restorePoint,
    startedAt,
    finishedAt: now().toISOString(),
    hospitals,
    cleanup,
    pass: drillPasses(hospitals),
  };
}

/** The newest instant PITR can restore the table to (it trails the present by about 5 minutes). */
async function latestRestorable(source: Db): Promise<Date> {
  const out = await source.raw.send(
    new DescribeContinuousBackupsCommand({ TableName: source.tableName }),
  );
  const pitr = out.ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
  if (pitr?.PointInTimeRecoveryStatus !== 'ENABLED' || !pitr.LatestRestorableDateTime)
    throw new DrillSetupError(
      `point-in-time recovery is not enabled on table ${source.tableName}; the data stack turns it on (pointInTimeRecovery): deploy it, or name the right table with TABLE_NAME`,
    );
  return pitr.LatestRestorableDateTime;
}

/** A drill that could not start: the message says what to fix. */
export class DrillSetupError extends Error {}

/**
 * The AWS drill. Each hospital is counted in the live table first (a census of one state: its
 * audit clock did not move during its count); then the table is restored to the moment the counts
 * ended (RestoreTableToPointInTime, waiting until PITR can restore that moment) into a new table
 * with the source's KMS key; the copy is counted, every audit chain verified on it, and deleted.
 * A hospital whose head did not move between its count and the restore point must match item for
 * item; one that changed in between must show one history in both chains.
 */
export async function awsRestoreDrill(o: DrillOptions): Promise<DrillReport> {
  const now = o.now ?? (() => new Date());
  const log = o.log ?? (() => {});
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const startedAt = now().toISOString();
  const described = await o.source.raw.send(
    new DescribeTableCommand({ TableName: o.source.tableName }),
  );
  await latestRestorable(o.source);
  const censuses = new Map<string, HospitalCensus>();
  for (const id of await listedHospitals(o.source)) {
    censuses.set(id, await takeCensus(o.source, id, now));
    log(`counted ${id} in the source: ${censuses.get(id)?.items} items`);
  }
  const restorePoint = new Date(Math.ceil(now().getTime() / 1000) * 1000);
  const waitUntil = now().getTime() + (o.restorableTimeoutSeconds ?? 900) * 1000;
  while ((await latestRestorable(o.source)).getTime() < restorePoint.getTime()) {
    if (now().getTime() > waitUntil)
      throw new DrillSetupError(
        `point-in-time recovery of ${o.source.tableName} has not reached ${restorePoint.toISOString()} after ${o.restorableTimeoutSeconds ?? 900} s; try again later`,
      );
    log('waiting until the restore point is restorable (PITR trails by about 5 minutes)…');
    await sleep(15_000);
  }
  const copy = makeDb(`${o.source.tableName}-drill-${stamp(restorePoint)}`, o.source.raw);
  const kmsKey = described.Table?.SSEDescription?.KMSMasterKeyArn;
  log(`restoring ${o.source.tableName} as of ${restorePoint.toISOString()} into ${copy.tableName}`);
  await o.source.raw.send(
    new RestoreTableToPointInTimeCommand({
      SourceTableName: o.source.tableName,
      TargetTableName: copy.tableName,
      RestoreDateTime: restorePoint,
      // The copy holds the same patients' data: keep it under the same customer-managed key.
      ...(kmsKey
        ? { SSESpecificationOverride: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: kmsKey } }
        : {}),
    }),
  );
  let hospitals: HospitalResult[] = [];
  let cleanup: DrillReport['cleanup'];
  try {
    await waitUntilTableExists(
      {
        client: copy.raw,
        maxWaitTime: o.restoreTimeoutSeconds ?? 4 * 3600,
        minDelay: 20,
        maxDelay: 60,
      },
      { TableName: copy.tableName },
    );
    log(`${copy.tableName} is ACTIVE`);
    await o.afterRestore?.(copy);
    hospitals = await checkCopy(o.source, copy, censuses, now, log);
  } finally {
    cleanup = await deleteCopy(copy);
  }
  return {
    method: 'point-in-time',
    sourceTable: o.sourceLabel,
    copyTable: copy.tableName,
    restorePoint: restorePoint.toISOString(),
    startedAt,
    finishedAt: now().toISOString(),
    hospitals,
    cleanup,
    pass: drillPasses(hospitals),
  };
}
