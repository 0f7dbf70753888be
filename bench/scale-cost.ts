/**
 * The AWS bill of one hospital-month at a given number of hospitals: what one hospital uses
 * (HospitalMonthUsage) times the dated prices, plus its share of what every deployment pays once
 * (the web ACL and its rules, the KMS keys). Pure: the bench case and the cost table in
 * docs/performance.md both call it; scale-cost.test.ts checks it against its inputs.
 */

export type PriceStatus = 'aws' | 'secondary' | 'unsourced';

/** One price with where it came from; usd null: no source found, the line is not priced. */
export interface Price {
  usd: number | null;
  status: PriceStatus;
  source: string | null;
  /** The date the page itself prints, if it prints one. */
  pageDate: string | null;
  note: string;
}

export interface PricesFile {
  region: string;
  currency: string;
  /** When the pages were read (YYYY-MM-DD). */
  read: string;
  prices: Record<string, Price>;
}

/** Every price the model uses; readPrices refuses a file that lacks one. */
export const priceKeys = [
  'dynamodb.writeRequestUnitsPerMillion',
  'dynamodb.readRequestUnitsPerMillion',
  'dynamodb.storagePerGbMonth',
  'dynamodb.pitrPerGbMonth',
  'backup.dynamodbWarmPerGbMonth',
  'lambda.arm64PerGbSecond',
  'lambda.requestsPerMillion',
  'apiGatewayHttp.requestsPerMillion',
  'ses.outboundPer1000',
  'ses.inboundPer1000',
  'ses.inboundChunksPer1000',
  'scheduler.invocationsPerMillion',
  's3.standardStoragePerGbMonth',
  's3.putPer1000',
  's3.getPer1000',
  'cognito.plusPerMau',
  'logs.ingestionPerGb',
  'logs.storagePerGbMonth',
  'waf.webAclPerMonth',
  'waf.rulePerMonth',
  'waf.requestsPerMillion',
  'cloudfront.dataTransferAsiaPerGb',
  'cloudfront.httpsRequestsPer10000',
  'kms.keyPerMonth',
  'kms.requestsPer10000',
  'xray.tracesRecordedPerMillion',
] as const;
export type PriceKey = (typeof priceKeys)[number];

/** Parses and checks a prices file: every price dated by the file, sourced or saying why not. */
export function readPrices(text: string): PricesFile {
  const file = JSON.parse(text) as PricesFile;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(file.read ?? ''))
    throw new Error(`prices: "read" must be the date the pages were read, got ${file.read}`);
  for (const key of priceKeys) {
    const p = file.prices?.[key];
    if (!p) throw new Error(`prices: ${key} is missing`);
    if (p.usd !== null && !(typeof p.usd === 'number' && p.usd >= 0))
      throw new Error(`prices: ${key} must be a non-negative number or null`);
    if (p.status === 'unsourced') {
      if (!p.note) throw new Error(`prices: unsourced ${key} must say why`);
    } else if (!(p.status === 'aws' || p.status === 'secondary') || !p.source?.startsWith('http'))
      throw new Error(`prices: ${key} needs a source URL (or status unsourced with the reason)`);
    if (p.usd === null && p.status !== 'unsourced')
      throw new Error(`prices: ${key} has a source but no price`);
  }
  return file;
}

/** What one hospital uses in a month. */
export interface HospitalMonthUsage {
  /** DynamoDB on-demand units (transactional writes counted twice) and the table's size. */
  dynamodb: { rru: number; wru: number; tableGb: number };
  lambda: { gbSeconds: number; invocations: number };
  /** Requests through CloudFront to /api/* and on to the HTTP API. */
  apiRequests: number;
  email: { outbound: number; inbound: number; inboundChunks: number };
  timerDeliveries: number;
  s3: { storedGb: number; puts: number; gets: number };
  /** Monthly active users (each signs in at least once). */
  users: number;
  /** The web app through CloudFront: requests for its files, and bytes of files and API answers. */
  web: { fileRequests: number; bytesOut: number };
  logs: {
    /** One JSON line per API request (infra/lib/api.ts accessLogFields). */
    accessLogBytesPerRequest: number;
    /** What a function writes per invocation (JSON, INFO and up). */
    functionLogBytesPerInvocation: number;
    /** One WAF log record per request CloudFront sees. */
    wafLogBytesPerRequest: number;
  };
  /** KMS requests: DynamoDB, S3 and SQS under customer managed keys. */
  kmsRequests: number;
}

/** What a deployment has once, whatever the number of hospitals (read from infra/). */
export interface Deployment {
  webAcls: number;
  wafRules: number;
  kmsKeys: number;
  /** Share of invocations X-Ray records (0: tracing is off in WeibaoFunction). */
  xraySampleRate: number;
  /** Full copies of the table AWS Backup keeps at any time (daily × days + monthly × months). */
  backupCopies: number;
  /** How long every log group keeps its events. */
  logRetentionMonths: number;
}

export const costLines = [
  'dynamodbRequests',
  'dynamodbStorage',
  'pitr',
  'backup',
  'lambda',
  'apiGateway',
  'ses',
  'scheduler',
  's3',
  'logs',
  'waf',
  'cloudfront',
  'kms',
  'xray',
  'cognito',
] as const;
export type CostLine = (typeof costLines)[number];

export interface HospitalMonthCost {
  /** USD per hospital-month by line. */
  lines: Record<CostLine, number>;
  totalUsd: number;
  /** Prices the lines needed that have no source, so the total leaves them out. */
  notPriced: PriceKey[];
  /** Lines that use a price marked unsourced (a value carried over from memory). */
  unsourcedLines: CostLine[];
}

/**
 * One hospital's month at `hospitals` hospitals. Cognito Plus is the user pool's plan
 * (infra/lib/auth.ts); without it the users sign in through another OIDC provider (context
 * oidcIssuer), which AWS does not bill.
 */
export function hospitalMonthCost(
  u: HospitalMonthUsage,
  d: Deployment,
  prices: PricesFile,
  scale: { hospitals: number; cognitoPlus: boolean },
): HospitalMonthCost {
  if (!Number.isInteger(scale.hospitals) || scale.hospitals < 1)
    throw new Error(`hospitals must be a positive integer, got ${scale.hospitals}`);
  const notPriced = new Set<PriceKey>();
  const unsourced = new Set<CostLine>();
  let line: CostLine = 'dynamodbRequests';
  /** quantity × price; an unpriced price counts 0 and is listed. */
  const at = (key: PriceKey, quantity: number): number => {
    const p = prices.prices[key];
    if (!p) throw new Error(`prices: ${key} is missing`);
    if (p.status === 'unsourced' && p.usd !== null && quantity > 0) unsourced.add(line);
    if (p.usd === null) {
      if (quantity > 0) notPriced.add(key);
      return 0;
    }
    return quantity * p.usd;
  };
  const shared = 1 / scale.hospitals;
  const cloudFrontRequests = u.web.fileRequests + u.apiRequests;
  const logGb =
    (u.apiRequests * u.logs.accessLogBytesPerRequest +
      u.lambda.invocations * u.logs.functionLogBytesPerInvocation +
      cloudFrontRequests * u.logs.wafLogBytesPerRequest) /
    1e9;

  const lines = {} as Record<CostLine, number>;
  const price = (name: CostLine, f: () => number) => {
    line = name;
    lines[name] = f();
  };
  price(
    'dynamodbRequests',
    () =>
      at('dynamodb.readRequestUnitsPerMillion', u.dynamodb.rru / 1e6) +
      at('dynamodb.writeRequestUnitsPerMillion', u.dynamodb.wru / 1e6),
  );
  price('dynamodbStorage', () => at('dynamodb.storagePerGbMonth', u.dynamodb.tableGb));
  price('pitr', () => at('dynamodb.pitrPerGbMonth', u.dynamodb.tableGb));
  price('backup', () => at('backup.dynamodbWarmPerGbMonth', u.dynamodb.tableGb * d.backupCopies));
  price(
    'lambda',
    () =>
      at('lambda.arm64PerGbSecond', u.lambda.gbSeconds) +
      at('lambda.requestsPerMillion', u.lambda.invocations / 1e6),
  );
  price('apiGateway', () => at('apiGatewayHttp.requestsPerMillion', u.apiRequests / 1e6));
  price(
    'ses',
    () =>
      at('ses.outboundPer1000', u.email.outbound / 1000) +
      at('ses.inboundPer1000', u.email.inbound / 1000) +
      at('ses.inboundChunksPer1000', u.email.inboundChunks / 1000),
  );
  price('scheduler', () => at('scheduler.invocationsPerMillion', u.timerDeliveries / 1e6));
  price(
    's3',
    () =>
      at('s3.standardStoragePerGbMonth', u.s3.storedGb) +
      at('s3.putPer1000', u.s3.puts / 1000) +
      at('s3.getPer1000', u.s3.gets / 1000),
  );
  // Kept for the retention: a steady state holds `logRetentionMonths` months of events.
  price(
    'logs',
    () =>
      at('logs.ingestionPerGb', logGb) + at('logs.storagePerGbMonth', logGb * d.logRetentionMonths),
  );
  price(
    'waf',
    () =>
      at('waf.webAclPerMonth', d.webAcls * shared) +
      at('waf.rulePerMonth', d.wafRules * d.webAcls * shared) +
      at('waf.requestsPerMillion', cloudFrontRequests / 1e6),
  );
  price(
    'cloudfront',
    () =>
      at('cloudfront.dataTransferAsiaPerGb', u.web.bytesOut / 1e9) +
      at('cloudfront.httpsRequestsPer10000', cloudFrontRequests / 1e4),
  );
  price(
    'kms',
    () =>
      at('kms.keyPerMonth', d.kmsKeys * shared) + at('kms.requestsPer10000', u.kmsRequests / 1e4),
  );
  price('xray', () =>
    at('xray.tracesRecordedPerMillion', (u.lambda.invocations * d.xraySampleRate) / 1e6),
  );
  price('cognito', () => (scale.cognitoPlus ? at('cognito.plusPerMau', u.users) : 0));

  const totalUsd = costLines.reduce((sum, name) => sum + lines[name], 0);
  return { lines, totalUsd, notPriced: [...notPriced], unsourcedLines: [...unsourced] };
}
