import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { eventHandlers, routes } from '@weibao/api';
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
    const handlers = [
      ...new Set([...routes.map((r) => r.handler), ...eventHandlers.map((h) => h.handler)]),
    ].sort();
    const baselineEntry = join(dir, 'baseline-src.ts');
    await writeFile(baselineEntry, baselineSource);
    // One esbuild run, one bundle per entry (no splitting), as each Lambda gets its own.
    await build({
      ...lambdaBundleOptions,
      entryPoints: [
        ...handlers.map((h) => ({ in: join(repoRoot, 'functions', `${h}.ts`), out: h })),
        { in: baselineEntry, out: 'baseline' },
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
    const rows: Record<string, { bytes: number; importMs: number; baselineImportMs: number }> = {};
    for (const h of handlers) {
      const bytes = await sizeOf(h);
      const { importMs, baseMs } = await importPair(h);
      baseRuns.push(baseMs);
      rows[h] = { bytes, importMs: round(importMs, 1), baselineImportMs: round(baseMs, 1) };
      figures.push(
        {
          case: 'bundles',
          name: `${h}: bundle size`,
          measured: round(bytes / 1024, 1),
          limit: round(baseSize / 1024, 1),
          unit: 'KiB',
          ratio: ratio(bytes, baseSize),
          note: 'limit: a minified bundle that only creates a DynamoDB client',
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
        handlers: rows,
        importsPerBundle: opts.imports,
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
