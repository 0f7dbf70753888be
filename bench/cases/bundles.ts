import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { eventHandlers, routes, type EventHandlerDef, type RouteDef } from '@weibao/api';
import { build, type BuildOptions } from 'esbuild';
import type { CaseResult, Figure } from '../result.ts';
import { median, ratio, round } from '../stats.ts';

export const repoRoot = join(import.meta.dirname, '../..');

/**
 * The esbuild options NodejsFunction runs for a WeibaoFunction (infra/lib/weibao-function.ts
 * bundling: ESM, node24, module-first main fields, the createRequire banner, minified, source maps,
 * the SDK bundled rather than taken from the runtime).
 */
export const lambdaBundleOptions: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  mainFields: ['module', 'main'],
  banner: {
    js: "import { createRequire as __weibaoCreateRequire } from 'node:module'; const require = __weibaoCreateRequire(import.meta.url);",
  },
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  tsconfig: join(repoRoot, 'tsconfig.json'),
  outExtension: { '.js': '.mjs' },
  logLevel: 'error',
};

/** The floor every handler stands on: a bundle that only creates a DynamoDB client. */
const baselineSource = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
export const client = new DynamoDBClient({});
export const handler = async () => ({ statusCode: 200 });
`;

/** The ratio an ordinary route (one that touches only the table) must stay within. */
export const ordinaryRouteLimit = 1.5;

/**
 * Routes that carry a heavy library of their own, beside the SDK: each is measured and shown but
 * held to no limit, for the reason given. Keep this list short and each reason true.
 */
export const heavyRoutes: Readonly<Record<string, string>> = {
  'documents/get-contract-document': 'builds DOCX documents (the docx library)',
  'deliverables/package-deliverables': 'zips the quarter’s files (fflate)',
  'mail/get-quarantined-mail': 'parses the raw message (mailparser, iconv for Chinese charsets)',
  'mail/assign-quarantined-mail': 'parses the raw message (mailparser, iconv for Chinese charsets)',
  'system/get-openapi': 'describes every route: all schemas and zod’s JSON Schema conversion',
  'contracts/list-contract-templates':
    'the seed contract templates, each rule with its source text',
  'payments/list-payments': 'the statutory working-day calendar (chinese-days data, 2004 on)',
  'payments/record-payment-event':
    'the statutory working-day calendar (chinese-days data, 2004 on)',
  'payments/record-milestone-decision':
    'the statutory working-day calendar (chinese-days data, 2004 on)',
  'overview/get-vendor-overview':
    'the statutory working-day calendar (chinese-days data, 2004 on), to warn of a missing year of holidays',
};

/** The SDK client each kind of `uses` grant makes a function create. */
const clientOfUse = {
  files: { name: 'S3', pkg: '@aws-sdk/client-s3', cls: 'S3Client' },
  inbound: { name: 'S3', pkg: '@aws-sdk/client-s3', cls: 'S3Client' },
  mail: { name: 'SESv2', pkg: '@aws-sdk/client-sesv2', cls: 'SESv2Client' },
  timers: { name: 'Scheduler', pkg: '@aws-sdk/client-scheduler', cls: 'SchedulerClient' },
  reminders: { name: 'Scheduler', pkg: '@aws-sdk/client-scheduler', cls: 'SchedulerClient' },
  links: { name: 'KMS', pkg: '@aws-sdk/client-kms', cls: 'KMSClient' },
} as const;
type Client = (typeof clientOfUse)[keyof typeof clientOfUse];

/** The SDK clients beside DynamoDB that a handler's grants make it create, in a stable order. */
function clientsOf(uses: object | undefined): Client[] {
  const found = new Map<string, Client>();
  for (const key of Object.keys(uses ?? {}))
    if (key in clientOfUse) {
      const c = clientOfUse[key as keyof typeof clientOfUse];
      found.set(c.name, c);
    }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** A bundle that creates the DynamoDB client and `clients`: the floor of a handler using them. */
function floorSource(clients: Client[]): string {
  return [
    baselineSource,
    ...clients.map(
      (c, i) =>
        `import { ${c.cls} as C${i} } from '${c.pkg}';\nexport const c${i} = new C${i}({});`,
    ),
  ].join('\n');
}

/** Imports `file` in a fresh node process and answers how long the import took (ms). */
function coldImportMs(file: string): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: {
        PATH: process.env.PATH,
        AWS_REGION: 'us-east-1',
        TABLE_NAME: 'bench',
        NODE_NO_WARNINGS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) =>
      code === 0 && out ? done(Number(out)) : fail(new Error(`import of ${file} failed: ${err}`)),
    );
  });
}

export async function benchBundles(opts: { imports: number }): Promise<CaseResult> {
  const dir = await mkdtemp(join(tmpdir(), 'weibao-bundles-'));
  try {
    const usesOf = new Map<string, object | undefined>([
      ...(routes as readonly RouteDef[]).map((r): [string, object | undefined] => [
        r.handler,
        r.uses,
      ]),
      ...(eventHandlers as readonly EventHandlerDef[]).map((h): [string, object | undefined] => [
        h.handler,
        h.uses,
      ]),
    ]);
    const routeHandlers = new Set<string>(routes.map((r) => r.handler));
    const handlers = [...usesOf.keys()].sort();
    const floorName = (clients: Client[]) =>
      clients.length === 0 ? 'baseline' : `floor-${clients.map((c) => c.name).join('-')}`;
    const floors = new Map<string, Client[]>();
    for (const h of handlers) {
      const clients = clientsOf(usesOf.get(h));
      floors.set(floorName(clients), clients);
    }
    const floorEntries = await Promise.all(
      [...floors].map(async ([name, clients]) => {
        const entry = join(dir, `${name}-src.ts`);
        await writeFile(entry, floorSource(clients));
        return { in: entry, out: name };
      }),
    );
    // One esbuild run, one bundle per entry (no splitting), as each Lambda gets its own.
    await build({
      ...lambdaBundleOptions,
      entryPoints: [
        ...handlers.map((h) => ({ in: join(repoRoot, 'functions', `${h}.ts`), out: h })),
        ...floorEntries,
      ],
      outdir: join(dir, 'out'),
      nodePaths: [join(repoRoot, 'node_modules')],
    });
    const fileOf = (name: string) => join(dir, 'out', `${name}.mjs`);
    const sizeOf = async (name: string) => (await stat(fileOf(name))).size;
    // Each handler's imports alternate with imports of the baseline, so load from elsewhere on
    // the machine falls on both sides of the ratio alike.
    const importPair = async (name: string) => {
      const mine: number[] = [];
      const base: number[] = [];
      for (let i = 0; i < opts.imports; i += 1) {
        base.push(await coldImportMs(fileOf('baseline')));
        mine.push(await coldImportMs(fileOf(name)));
      }
      return { importMs: median(mine), baseMs: median(base) };
    };

    const baseSize = await sizeOf('baseline');
    const baseRuns: number[] = [];
    const figures: Figure[] = [];
    const rows: Record<
      string,
      {
        bytes: number;
        kind: string;
        floorBytes: number;
        importMs: number;
        baselineImportMs: number;
      }
    > = {};
    for (const h of handlers) {
      const bytes = await sizeOf(h);
      const clients = clientsOf(usesOf.get(h));
      const floorBytes = await sizeOf(floorName(clients));
      const kind = !routeHandlers.has(h)
        ? 'event handler'
        : heavyRoutes[h]
          ? `heavy: ${heavyRoutes[h]}`
          : clients.length > 0
            ? 'uses ' + clients.map((c) => c.name).join(', ')
            : 'ordinary';
      const { importMs, baseMs } = await importPair(h);
      baseRuns.push(baseMs);
      rows[h] = {
        bytes,
        kind,
        floorBytes,
        importMs: round(importMs, 1),
        baselineImportMs: round(baseMs, 1),
      };
      const overFloor =
        clients.length > 0
          ? `; over DynamoDB + ${clients.map((c) => c.name).join(' + ')} alone (${round(floorBytes / 1024, 1)} KiB): ${ratio(bytes, floorBytes)}×`
          : '';
      figures.push(
        {
          case: 'bundles',
          name: `${h}: bundle size`,
          measured: round(bytes / 1024, 1),
          limit: round(baseSize / 1024, 1),
          unit: 'KiB',
          ratio: ratio(bytes, baseSize),
          note: `${kind}${overFloor}`,
        },
        {
          case: 'bundles',
          name: `${h}: cold import`,
          measured: round(importMs, 1),
          limit: round(baseMs, 1),
          unit: 'ms',
          ratio: ratio(importMs, baseMs),
          note: `median of ${opts.imports} imports in a fresh node, alternating with the DynamoDB-client-only bundle (the limit)`,
        },
      );
    }
    return {
      figures,
      details: {
        baseline: { bytes: baseSize, importMs: round(median(baseRuns), 1) },
        ordinaryRouteLimit,
        handlers: rows,
        importsPerBundle: opts.imports,
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
