import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  hospitalMonthUsage,
  weibaoDeployment,
  type OperationUnits,
  type RollupUnits,
} from '../hospital-usage.ts';
import type { CaseResult, Figure } from '../result.ts';
import { hospitalMonthCost, readPrices } from '../scale-cost.ts';
import { ratio, round } from '../stats.ts';
import { hospitalMonth as w } from '../workload.ts';
import { repoRoot } from './bundles.ts';
import type { OperationCost } from './dynamodb-requests.ts';

export const pricesFile = 'bench/prices-us-east-1-2026-12.json';
/** The deployment size the bench figure is priced at: the defaults of infra/lib/config.ts. */
export const benchHospitals = 50;

/**
 * The AWS bill of one hospital-month (bench/workload.ts) at 50 hospitals, from the measured
 * DynamoDB capacity and handler times of each operation, priced with the dated table
 * (bench/scale-cost.ts). Limit: the same month if every operation sent only its minimum requests
 * (bench/minimum-requests.ts).
 */
export async function benchHospitalMonth(
  ops: OperationCost[],
  /** The intake handler's time per message measured in this run (mail case), if it ran. */
  intakeMsMeasured?: number,
  /** The rollups per ticket change at a year of tickets measured in this run, if it ran. */
  rollupsMeasured?: RollupUnits,
): Promise<CaseResult> {
  const intakeMs = intakeMsMeasured ?? w.email.intakeMs;
  const rollups = rollupsMeasured ?? w.rollups.perChange;
  const prices = readPrices(await readFile(join(repoRoot, pricesFile), 'utf8'));
  // DynamoDB Local reports a transactional write like a plain one; AWS bills it twice.
  const measured: Record<string, OperationUnits> = {};
  const minimum: Record<string, OperationUnits> = {};
  for (const c of ops) {
    measured[c.operation] = {
      rru: c.readUnits,
      wru: c.writeUnits + c.transactWriteUnits,
      ms: c.ms,
    };
    minimum[c.operation] = {
      rru: c.minimumReadUnits,
      wru: c.minimumWriteUnits + c.minimumTransactWriteUnits,
      ms: c.ms,
    };
  }
  const scale = { hospitals: benchHospitals, cognitoPlus: true };
  // The rollups are priced alike in both: the limit is about the operations' own requests.
  const usage = hospitalMonthUsage(measured, intakeMs, rollups);
  const least = hospitalMonthUsage(minimum, intakeMs, rollups);
  const cost = hospitalMonthCost(usage, weibaoDeployment, prices, scale);
  const floor = hospitalMonthCost(least, weibaoDeployment, prices, scale);
  const usd = (v: number) => round(v, 4);
  const figures: Figure[] = [
    {
      case: 'cost',
      name: 'hospital-month: DynamoDB requests',
      measured: usd(cost.lines.dynamodbRequests),
      limit: usd(floor.lines.dynamodbRequests),
      unit: 'USD',
      ratio: ratio(cost.lines.dynamodbRequests, floor.lines.dynamodbRequests),
      note: `${round(usage.dynamodb.rru, 0)} RRU + ${round(usage.dynamodb.wru, 0)} WRU (transactions billed twice, polling and the rollups included); limit: the minimum requests’ capacity, the rollups alike`,
    },
    {
      case: 'cost',
      name: `hospital-month: all AWS at ${benchHospitals} hospitals`,
      measured: usd(cost.totalUsd),
      limit: usd(floor.totalUsd),
      unit: 'USD',
      ratio: ratio(cost.totalUsd, floor.totalUsd),
      note: `${w.description}; Cognito Plus ${usd(cost.lines.cognito)} of it; not priced (no source): ${cost.notPriced.join(', ') || 'none'}; prices ${pricesFile} (read ${prices.read})`,
    },
  ];
  return {
    figures,
    details: {
      workload: w,
      pricesFile,
      pricesRead: prices.read,
      hospitals: benchHospitals,
      usage,
      lambda: {
        intakeMs,
        intakeMsSource: intakeMsMeasured === undefined ? 'bench/workload.ts' : 'this run',
      },
      rollups: {
        perChange: rollups,
        source: rollupsMeasured === undefined ? 'bench/workload.ts' : 'this run',
      },
      linesUsd: Object.fromEntries(Object.entries(cost.lines).map(([k, v]) => [k, usd(v)])),
      notPriced: cost.notPriced,
      totalUsd: usd(cost.totalUsd),
    },
  };
}
