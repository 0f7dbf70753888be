/**
 * The hospital-month cost at 50, 1,000 and 10,000 hospitals, with and without Cognito Plus, as
 * the Markdown in docs/performance.md ("AWS cost at three scales"). Needs no bench run: it prices
 * the figures the last recorded run wrote into docs/performance.md (`recorded` below).
 *
 *   npx tsx bench/cost-table.ts > /tmp/cost.md
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pricesFile } from './cases/hospital-month-cost.ts';
import { repoRoot } from './cases/bundles.ts';
import { hospitalMonthUsage, weibaoDeployment, type OperationUnits } from './hospital-usage.ts';
import {
  costLines,
  hospitalMonthCost,
  readPrices,
  type CostLine,
  type HospitalMonthUsage,
  type PricesFile,
} from './scale-cost.ts';
import { hospitalMonth as w } from './workload.ts';

/** From docs/performance.md, run 2026-12-07T02:56:47.973Z (the cost and dynamodb tables). */
export const recorded = {
  run: '2026-12-07T02:56:47.973Z',
  /**
   * The workload's operations, one hospital-month: the run's "hospital-month: DynamoDB requests"
   * (548,975 RRU and 134,120 WRU) without the polling's 528,000 RRU and the rollups' 3,920 RRU
   * and 4,480 WRU it includes.
   */
  rru: 17_055,
  wru: 129_640,
  /** listTickets: capacity units per call (a read: 1 RCU). */
  pollRru: 1,
  /** intake handler time per message (p50), ms. */
  intakeMs: 44.7,
};

export const scales = [50, 1_000, 10_000] as const;

/** One hospital's month from the recorded figures: the bench's units, assumed Lambda times. */
export function recordedUsage(): HospitalMonthUsage {
  const ops = [...Object.keys(w.operations), w.polling.operation];
  const units: Record<string, OperationUnits> = Object.fromEntries(
    ops.map((op) => [op, { rru: 0, wru: 0, ms: w.assumedApiMs }]),
  );
  const usage = hospitalMonthUsage(units, recorded.intakeMs);
  const polls =
    w.polling.visibleTabs * w.polling.perTabPerMinute * 60 * w.polling.workingHoursPerMonth;
  return {
    ...usage,
    dynamodb: {
      ...usage.dynamodb,
      // The operations' units are the recorded ones; usage's own are the rollups' alone.
      rru: recorded.rru + polls * recorded.pollRru + usage.dynamodb.rru,
      wru: recorded.wru + usage.dynamodb.wru,
    },
  };
}

const lineNames: Record<CostLine, string> = {
  dynamodbRequests: 'DynamoDB requests',
  dynamodbStorage: 'DynamoDB storage',
  pitr: 'DynamoDB point-in-time recovery',
  backup: 'AWS Backup (35 daily + 12 monthly copies)',
  lambda: 'Lambda',
  apiGateway: 'API Gateway (HTTP API)',
  ses: 'SES',
  scheduler: 'EventBridge Scheduler',
  s3: 'S3 (mail)',
  logs: 'CloudWatch Logs (access, function, WAF; 1 year)',
  waf: 'WAF',
  cloudfront: 'CloudFront',
  kms: 'KMS',
  xray: 'X-Ray (tracing off)',
  cognito: 'Cognito Plus',
};

const usd = (v: number) => (v === 0 ? '0' : v < 0.01 ? '< 0.01' : v.toFixed(2));

export function renderCostTable(prices: PricesFile): string {
  const usage = recordedUsage();
  const runs = scales.flatMap((hospitals) =>
    [true, false].map((cognitoPlus) => ({
      hospitals,
      cognitoPlus,
      cost: hospitalMonthCost(usage, weibaoDeployment, prices, { hospitals, cognitoPlus }),
    })),
  );
  const head = runs.map(
    (r) => `${r.hospitals.toLocaleString('en')} ${r.cognitoPlus ? 'with' : 'without'} Plus`,
  );
  const unsourced = new Set(runs.flatMap((r) => r.cost.unsourcedLines));
  const notPriced = [...new Set(runs.flatMap((r) => r.cost.notPriced))];
  // A price key names its line's service: cloudfront.httpsRequestsPer10000 → cloudfront.
  const partial = new Set(notPriced.map((key) => key.split('.')[0]));
  const mark = (line: CostLine) =>
    `${partial.has(line) ? ' ¹' : ''}${unsourced.has(line) ? ' ²' : ''}`;
  const rows = costLines.map(
    (line) =>
      `| ${lineNames[line]}${mark(line)} | ${runs.map((r) => usd(r.cost.lines[line])).join(' | ')} |`,
  );
  const total = `| **total per hospital-month** | ${runs.map((r) => `**${usd(r.cost.totalUsd)}**`).join(' | ')} |`;
  const all = `| all hospitals, per month | ${runs.map((r) => Math.round(r.cost.totalUsd * r.hospitals).toLocaleString('en')).join(' | ')} |`;
  const priceRows = Object.entries(prices.prices).map(
    ([key, p]) =>
      `| ${key} | ${p.usd ?? 'not priced'} | ${p.status} | ${p.source ? `<${p.source}>` : '—'} | ${prices.read} | ${p.pageDate ?? (p.source ? 'undated' : '—')} |`,
  );
  return [
    `USD per hospital-month, ${prices.region} list prices read ${prices.read}, no free tier. `,
    `Usage: the workload of \`bench/workload.ts\` with the figures of the recorded run ${recorded.run} `,
    `(${recorded.rru.toLocaleString('en')} RRU and ${recorded.wru.toLocaleString('en')} WRU for its operations, the ticket list's ${recorded.pollRru} RCU per poll, `,
    `intake ${recorded.intakeMs} ms a message); Lambda time per API call assumed ${w.assumedApiMs} ms (the run does not record it in this page). `,
    `The rollups: ${w.rollups.perChange.rru.toLocaleString('en')} RRU and ${w.rollups.perChange.wru.toLocaleString('en')} WRU per ticket or ledger change at a year of tickets (\`bench/workload.ts\`, from the rollups case), `,
    `one invocation of ${w.rollups.perChange.ms} ms each (the rollups case's handler time), for ${w.rollups.changingOperations.join(', ')}.`,
    '',
    `| line | ${head.join(' | ')} |`,
    `| --- | ${runs.map(() => '---:').join(' | ')} |`,
    ...rows,
    total,
    all,
    '',
    `¹ Not priced (no source found): ${notPriced.join(', ') || 'none'}. ² The line uses a price marked unsourced (carried over from the 2026-11 file, written from memory).`,
    '',
    `Prices (\`${pricesFile}\`; status aws: an AWS page states it; secondary: a third-party page; unsourced: none found, see its note in the file):`,
    '',
    '| price | USD | status | source | read | page date |',
    '| --- | ---: | --- | --- | --- | --- |',
    ...priceRows,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const prices = readPrices(readFileSync(join(repoRoot, pricesFile), 'utf8'));
  process.stdout.write(`${renderCostTable(prices)}\n`);
}
