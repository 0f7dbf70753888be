/**
 * `npm run bench [-- case ...]`: every figure as a ratio against its physical limit, measured in
 * the same run on this machine. Writes bench/results.json and the table in docs/performance.md.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { startBenchStack, type BenchStack } from './bench-stack.ts';
import { benchBundles, repoRoot } from './cases/bundles.ts';
import { benchBurst } from './cases/burst.ts';
import { benchDynamoDbRequests, type OperationCost } from './cases/dynamodb-requests.ts';
import { benchHospitalMonth } from './cases/hospital-month-cost.ts';
import { benchListScaling } from './cases/list-scaling.ts';
import { benchRollups } from './cases/rollups.ts';
import { benchScale } from './cases/scale.ts';
import { benchMailIntake } from './cases/mail-intake.ts';
import { benchThroughput } from './cases/throughput.ts';
import { benchTimerLateness } from './cases/timer-lateness.ts';
import { zammadCorpusMissing, zammadCorpusPresent } from '../test/support/mail-corpus.ts';
import { renderTables, writeFormatted, writePerformanceDoc } from './report.ts';
import type { CaseResult } from './result.ts';
import { round } from './stats.ts';

const allCases = [
  'bundles',
  'dynamodb',
  'throughput',
  'scaling',
  'timers',
  'cost',
  'mail',
  'burst',
  'scale',
  'rollups',
] as const;
type CaseName = (typeof allCases)[number];

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !allCases.includes(w as CaseName));
if (unknown.length > 0) {
  console.error(`unknown case ${unknown.join(', ')}; cases: ${allCases.join(', ')}`);
  process.exit(2);
}
const selected = new Set<CaseName>(wanted.length > 0 ? (wanted as CaseName[]) : allCases);
// Said before minutes of other cases, not after them
if (selected.has('mail') && !zammadCorpusPresent) {
  console.error(
    `The mail case measures intake over ${zammadCorpusMissing}: put it there, or name the other ` +
      `cases (npm run bench -- ${allCases.filter((c) => c !== 'mail').join(' ')}).`,
  );
  process.exit(2);
}
const quick = process.argv.includes('--quick');
const partialResults = 'bench/results-partial.json';

// The handlers' INFO lines (one per SLA timer) would drown the progress lines.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
const started = performance.now();
const results: Record<string, CaseResult> = {};
const log = (line: string) =>
  console.log(`[bench ${round((performance.now() - started) / 1000, 1)} s] ${line}`);

async function timed(
  name: CaseName,
  f: () => Promise<CaseResult>,
): Promise<CaseResult | undefined> {
  if (!selected.has(name)) return undefined;
  log(`${name}…`);
  const t = performance.now();
  const r = await f();
  r.wallMs = round(performance.now() - t, 0);
  results[name] = r;
  log(`${name} done in ${round(r.wallMs / 1000, 1)} s`);
  return r;
}

await timed('bundles', () => benchBundles({ imports: quick ? 2 : 5 }));

// Every case but the bundles runs on the local stack.
const needsStack = allCases.some((c) => c !== 'bundles' && selected.has(c));
let b: BenchStack | undefined;
try {
  if (needsStack) b = await startBenchStack();
  const stack = b as BenchStack;
  const requests = await timed('dynamodb', () => benchDynamoDbRequests(stack));
  await timed('throughput', () => benchThroughput(stack, { seconds: quick ? 2 : 5 }));
  await timed('timers', () => benchTimerLateness(stack, { timers: quick ? 50 : 200 }));
  await timed('scaling', () =>
    benchListScaling(stack, { small: 1_000, large: quick ? 20_000 : 100_000, hospitals: 100 }),
  );
  // Before cost: the intake handler's measured time prices the intake Lambda.
  const mail = await timed('mail', () =>
    benchMailIntake(stack, {
      rounds: quick ? 1 : 3,
      reports: quick ? 50 : 100,
      handlerSamples: quick ? 10 : 30,
    }),
  );
  await timed('burst', () =>
    benchBurst(stack, {
      reports: quick ? 50 : 200,
      hospitals: quick ? 10 : 50,
      mails: quick ? 20 : 50,
    }),
  );
  await timed('scale', () =>
    benchScale(stack, {
      small: 10,
      large: quick ? 200 : 1_000,
      // Two tickets a month: the views read no ticket beyond a page, so more only lengthens the
      // fill and the stream's rollups that follow it (98 s for 24,000 tickets on 2026-12-06).
      ticketsPerHospital: quick ? 12 : 24,
      runs: quick ? 10 : 20,
    }),
  );
  const rollups = await timed('rollups', () =>
    // A year of the workload's tickets (bench/workload.ts: 200 a month) against a tenth of it.
    benchRollups(stack, { small: 240, large: 2_400, changes: quick ? 4 : 10 }),
  );
  await timed('cost', async () => {
    const ops = (requests ?? (await benchDynamoDbRequests(stack))).details?.operations;
    const intakeMs = mail?.details?.handlerMsP50;
    const large = rollups?.details?.large as
      { readUnits: number; writeUnits: number; ms: number } | undefined;
    return benchHospitalMonth(
      ops as OperationCost[],
      typeof intakeMs === 'number' ? intakeMs : undefined,
      large ? { rru: large.readUnits, wru: large.writeUnits, ms: large.ms } : undefined,
    );
  });
} finally {
  await b?.stop();
}

const wallMs = round(performance.now() - started, 0);
const output = {
  generatedAt: new Date().toISOString(),
  wallSeconds: round(wallMs / 1000, 1),
  quick,
  cases: [...selected],
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    loadAverageAtEnd: loadavg().map((l) => round(l, 2)),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  },
  results,
};
if (wanted.length === 0) {
  await writeFormatted(join(repoRoot, 'bench/results.json'), JSON.stringify(output, null, 2));
  await writePerformanceDoc(output);
  log(`wrote bench/results.json and docs/performance.md; wall time ${output.wallSeconds} s`);
} else {
  // A partial run must not replace the full run's figures: it goes to a file of its own.
  await writeFormatted(join(repoRoot, partialResults), JSON.stringify(output, null, 2));
  console.log(`\n${renderTables(output)}`);
  log(`wrote ${partialResults} (a partial run leaves results.json and docs/performance.md alone)`);
}
