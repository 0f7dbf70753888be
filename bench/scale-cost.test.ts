import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { repoRoot } from './cases/bundles.ts';
import { pricesFile } from './cases/hospital-month-cost.ts';
import {
  costLines,
  hospitalMonthCost,
  priceKeys,
  readPrices,
  type Deployment,
  type HospitalMonthUsage,
  type PriceKey,
  type PricesFile,
} from './scale-cost.ts';

/** A prices file where every price is `usd(key)`, sourced. */
function pricesOf(usd: (key: PriceKey) => number | null): PricesFile {
  return {
    region: 'us-east-1',
    currency: 'USD',
    read: '2026-12-05',
    prices: Object.fromEntries(
      priceKeys.map((key) => {
        const value = usd(key);
        return [
          key,
          value === null
            ? { usd: null, status: 'unsourced', source: null, pageDate: null, note: 'none found' }
            : {
                usd: value,
                status: 'aws',
                source: 'https://aws.amazon.com/x',
                pageDate: null,
                note: '',
              },
        ];
      }),
    ),
  };
}

const usage: HospitalMonthUsage = {
  dynamodb: { rru: 2_000_000, wru: 3_000_000, tableGb: 0.5 },
  lambda: { gbSeconds: 40_000, invocations: 600_000 },
  apiRequests: 500_000,
  email: { outbound: 800, inbound: 360, inboundChunks: 360 },
  timerDeliveries: 600,
  s3: { storedGb: 1.5, puts: 360, gets: 720 },
  users: 200,
  web: { fileRequests: 35_000, bytesOut: 6e9 },
  logs: {
    accessLogBytesPerRequest: 400,
    functionLogBytesPerInvocation: 1_000,
    wafLogBytesPerRequest: 1_500,
  },
  kmsRequests: 700_000,
};
const deployment: Deployment = {
  webAcls: 1,
  wafRules: 5,
  kmsKeys: 8,
  xraySampleRate: 0.05,
  backupCopies: 47,
  logRetentionMonths: 12,
};

describe('hospitalMonthCost', () => {
  test('each line is its quantities times its prices; the total is their sum', () => {
    // Distinct prices, so that a quantity priced with the wrong key shows.
    const p = pricesOf((key) => (priceKeys.indexOf(key) + 1) / 100);
    const at = (key: PriceKey) => p.prices[key]!.usd!;
    const cost = hospitalMonthCost(usage, deployment, p, { hospitals: 50, cognitoPlus: true });
    const cfRequests = usage.web.fileRequests + usage.apiRequests;
    const logGb =
      (usage.apiRequests * 400 + usage.lambda.invocations * 1_000 + cfRequests * 1_500) / 1e9;
    const expected = {
      dynamodbRequests:
        2 * at('dynamodb.readRequestUnitsPerMillion') +
        3 * at('dynamodb.writeRequestUnitsPerMillion'),
      dynamodbStorage: 0.5 * at('dynamodb.storagePerGbMonth'),
      pitr: 0.5 * at('dynamodb.pitrPerGbMonth'),
      backup: 0.5 * 47 * at('backup.dynamodbWarmPerGbMonth'),
      lambda: 40_000 * at('lambda.arm64PerGbSecond') + 0.6 * at('lambda.requestsPerMillion'),
      apiGateway: 0.5 * at('apiGatewayHttp.requestsPerMillion'),
      ses:
        0.8 * at('ses.outboundPer1000') +
        0.36 * at('ses.inboundPer1000') +
        0.36 * at('ses.inboundChunksPer1000'),
      scheduler: 0.0006 * at('scheduler.invocationsPerMillion'),
      s3:
        1.5 * at('s3.standardStoragePerGbMonth') +
        0.36 * at('s3.putPer1000') +
        0.72 * at('s3.getPer1000'),
      logs: logGb * at('logs.ingestionPerGb') + logGb * 12 * at('logs.storagePerGbMonth'),
      waf:
        at('waf.webAclPerMonth') / 50 +
        (5 * at('waf.rulePerMonth')) / 50 +
        (cfRequests / 1e6) * at('waf.requestsPerMillion'),
      cloudfront:
        6 * at('cloudfront.dataTransferAsiaPerGb') +
        (cfRequests / 1e4) * at('cloudfront.httpsRequestsPer10000'),
      kms: (8 * at('kms.keyPerMonth')) / 50 + 70 * at('kms.requestsPer10000'),
      xray: 0.03 * at('xray.tracesRecordedPerMillion'),
      cognito: 200 * at('cognito.plusPerMau'),
    };
    for (const line of costLines) expect(cost.lines[line], line).toBeCloseTo(expected[line], 9);
    const sum = Object.values(expected).reduce((a, b) => a + b, 0);
    expect(cost.totalUsd).toBeCloseTo(sum, 9);
    expect(cost.notPriced).toEqual([]);
  });

  test('only the once-per-deployment costs shrink with more hospitals, as 1/n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (n) => {
        const p = pricesOf(() => 1);
        const one = hospitalMonthCost(usage, deployment, p, { hospitals: 1, cognitoPlus: true });
        const many = hospitalMonthCost(usage, deployment, p, { hospitals: n, cognitoPlus: true });
        // At price 1: web ACL + rules = 1 + 5, keys = 8.
        expect(one.lines.waf - many.lines.waf).toBeCloseTo(6 - 6 / n, 9);
        expect(one.lines.kms - many.lines.kms).toBeCloseTo(8 - 8 / n, 9);
        for (const line of costLines.filter((l) => l !== 'waf' && l !== 'kms'))
          expect(many.lines[line], line).toBe(one.lines[line]);
      }),
      { numRuns: 50 },
    );
  });

  test('without Cognito Plus the users cost nothing on AWS; with it, users × the MAU price', () => {
    const p = pricesOf(() => 0.02);
    const plus = hospitalMonthCost(usage, deployment, p, { hospitals: 50, cognitoPlus: true });
    const none = hospitalMonthCost(usage, deployment, p, { hospitals: 50, cognitoPlus: false });
    expect(plus.lines.cognito).toBeCloseTo(200 * 0.02, 9);
    expect(none.lines.cognito).toBe(0);
    expect(plus.totalUsd - none.totalUsd).toBeCloseTo(plus.lines.cognito, 9);
  });

  test('a price without a source is left out of the total and named, not guessed', () => {
    const p = pricesOf((key) => (key === 'cloudfront.httpsRequestsPer10000' ? null : 1));
    const cost = hospitalMonthCost(usage, deployment, p, { hospitals: 50, cognitoPlus: true });
    expect(cost.notPriced).toEqual(['cloudfront.httpsRequestsPer10000']);
    expect(cost.lines.cloudfront).toBeCloseTo(6, 9); // data transfer only
  });

  test('X-Ray costs nothing at a sampling rate of 0, as deployed (tracing off)', () => {
    const p = pricesOf(() => 5);
    const off = hospitalMonthCost(usage, { ...deployment, xraySampleRate: 0 }, p, {
      hospitals: 50,
      cognitoPlus: true,
    });
    expect(off.lines.xray).toBe(0);
  });

  test('refuses a number of hospitals that is not a positive integer', () => {
    const p = pricesOf(() => 1);
    for (const hospitals of [0, -1, 2.5])
      expect(() =>
        hospitalMonthCost(usage, deployment, p, { hospitals, cognitoPlus: true }),
      ).toThrow(/positive integer/);
  });
});

describe('readPrices', () => {
  const valid = JSON.stringify(pricesOf(() => 1));
  const edit = (f: (file: PricesFile) => void) => {
    const file = JSON.parse(valid) as PricesFile;
    f(file);
    return JSON.stringify(file);
  };

  test('the committed prices file is complete, dated, and every price sourced or saying why not', () => {
    const file = readPrices(readFileSync(join(repoRoot, pricesFile), 'utf8'));
    for (const key of priceKeys) {
      const p = file.prices[key]!;
      if (p.status === 'unsourced') expect(p.note, key).not.toBe('');
      else expect(p.source, key).toMatch(/^https?:\/\//);
    }
  });

  test('refuses a file without its read date, a missing price, or a price without a source', () => {
    expect(() => readPrices(valid)).not.toThrow();
    expect(() => readPrices(edit((f) => (f.read = '2026-12')))).toThrow(/read/);
    expect(() => readPrices(edit((f) => delete f.prices['kms.keyPerMonth']))).toThrow(
      /kms.keyPerMonth is missing/,
    );
    expect(() => readPrices(edit((f) => (f.prices['waf.rulePerMonth']!.source = null)))).toThrow(
      /waf.rulePerMonth needs a source/,
    );
    expect(() =>
      readPrices(
        edit((f) =>
          Object.assign(f.prices['waf.rulePerMonth']!, { status: 'unsourced', note: '' }),
        ),
      ),
    ).toThrow(/must say why/);
  });
});
