import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaseResult, Figure } from '../result.ts';
import { ratio, round } from '../stats.ts';
import { hospitalMonth as w } from '../workload.ts';
import { repoRoot } from './bundles.ts';
import type { OperationCost } from './dynamodb-requests.ts';

export const pricesFile = 'bench/prices-us-east-1-2026-11.json';

interface Prices {
  sourceDate: string;
  dynamodb: {
    onDemandWriteRequestUnitsPerMillion: number;
    onDemandReadRequestUnitsPerMillion: number;
    storagePerGbMonth: number;
  };
  lambda: { arm64PerGbSecond: number; requestsPerMillion: number };
  apiGatewayHttp: { requestsPerMillion: number };
  ses: { outboundPer1000: number; inboundPer1000: number; inboundChunksPer1000: number };
  scheduler: { invocationsPerMillion: number };
  s3: { standardStoragePerGbMonth: number; putPer1000: number; getPer1000: number };
  cognito: { plusPerMau: number };
}

/**
 * The AWS bill of one hospital-month (bench/workload.ts) from the measured DynamoDB capacity and
 * handler times of each operation, priced with the dated table. Limit: the same month if every
 * operation sent only its minimum requests (bench/minimum-requests.ts).
 */
export async function benchHospitalMonth(
  ops: OperationCost[],
  /** The intake handler's time per message measured in this run (mail case), if it ran. */
  intakeMsMeasured?: number,
): Promise<CaseResult> {
  const intakeMs = intakeMsMeasured ?? w.email.intakeMs;
  const p = JSON.parse(await readFile(join(repoRoot, pricesFile), 'utf8')) as Prices;
  const byOp = new Map(ops.map((o) => [o.operation, o]));
  let rru = 0;
  let wru = 0;
  let minRru = 0;
  let minWru = 0;
  let gbSeconds = 0;
  let httpRequests = 0;
  let invocations = 0;
  for (const [op, count] of Object.entries(w.operations)) {
    const c = byOp.get(op);
    if (!c) throw new Error(`cost: no measurement for ${op}`);
    // DynamoDB Local reports a transactional write like a plain one; AWS bills it twice.
    rru += c.readUnits * count;
    wru += (c.writeUnits + c.transactWriteUnits) * count;
    minRru += c.minimumReadUnits * count;
    minWru += (c.minimumWriteUnits + c.minimumTransactWriteUnits) * count;
    gbSeconds += (c.ms / 1000) * w.lambdaMemoryGb * count;
    invocations += count;
    if (!(w.nonHttp as readonly string[]).includes(op)) httpRequests += count;
  }
  gbSeconds += (intakeMs / 1000) * w.lambdaMemoryGb * w.email.inbound;
  invocations += w.email.inbound;
  const timerDeliveries = (w.operations.slaTimerBreach ?? 0) + (w.operations.slaTimerRepeat ?? 0);
  const chunks = Math.ceil(w.email.inboundKiB / 256) * w.email.inbound;
  const storedGb = (w.tickets * w.storedBytesPerTicket) / 1e9;
  const mailGb = (w.email.inbound * w.email.inboundKiB * 1024) / 1e9;

  const lines = {
    dynamodbRequests:
      (rru / 1e6) * p.dynamodb.onDemandReadRequestUnitsPerMillion +
      (wru / 1e6) * p.dynamodb.onDemandWriteRequestUnitsPerMillion,
    dynamodbStorage: storedGb * p.dynamodb.storagePerGbMonth,
    lambda:
      gbSeconds * p.lambda.arm64PerGbSecond + (invocations / 1e6) * p.lambda.requestsPerMillion,
    apiGateway: (httpRequests / 1e6) * p.apiGatewayHttp.requestsPerMillion,
    ses:
      (w.email.outbound / 1000) * p.ses.outboundPer1000 +
      (w.email.inbound / 1000) * p.ses.inboundPer1000 +
      (chunks / 1000) * p.ses.inboundChunksPer1000,
    scheduler: (timerDeliveries / 1e6) * p.scheduler.invocationsPerMillion,
    s3:
      mailGb * p.s3.standardStoragePerGbMonth +
      (w.email.inbound / 1000) * p.s3.putPer1000 +
      ((w.email.inbound * 2) / 1000) * p.s3.getPer1000,
    cognito: w.users * p.cognito.plusPerMau,
  };
  const total = Object.values(lines).reduce((a, b) => a + b, 0);
  const minDynamo =
    (minRru / 1e6) * p.dynamodb.onDemandReadRequestUnitsPerMillion +
    (minWru / 1e6) * p.dynamodb.onDemandWriteRequestUnitsPerMillion;
  const minTotal = total - lines.dynamodbRequests + minDynamo;
  const usd = (v: number) => round(v, 4);
  const figures: Figure[] = [
    {
      case: 'cost',
      name: 'hospital-month: DynamoDB requests',
      measured: usd(lines.dynamodbRequests),
      limit: usd(minDynamo),
      unit: 'USD',
      ratio: ratio(lines.dynamodbRequests, minDynamo),
      note: `${round(rru, 0)} RRU + ${round(wru, 0)} WRU (transactions billed twice); limit: the minimum requests’ capacity`,
    },
    {
      case: 'cost',
      name: 'hospital-month: all AWS',
      measured: usd(total),
      limit: usd(minTotal),
      unit: 'USD',
      ratio: ratio(total, minTotal),
      note: `${w.description}; Cognito Plus ${usd(lines.cognito)} of it; prices ${pricesFile}`,
    },
  ];
  return {
    figures,
    details: {
      workload: w,
      pricesFile,
      pricesSourceDate: p.sourceDate,
      units: {
        rru: round(rru, 1),
        wru: round(wru, 1),
        minRru: round(minRru, 1),
        minWru: round(minWru, 1),
      },
      lambda: {
        gbSeconds: round(gbSeconds, 2),
        invocations,
        intakeMs,
        intakeMsSource: intakeMsMeasured === undefined ? 'bench/workload.ts' : 'this run',
      },
      linesUsd: Object.fromEntries(Object.entries(lines).map(([k, v]) => [k, usd(v)])),
      totalUsd: usd(total),
    },
  };
}
