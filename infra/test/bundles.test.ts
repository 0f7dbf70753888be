import { build } from 'esbuild';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventHandlers, routes } from '@weibao/api';
import { handlerEntry, repoRoot } from '../lib/weibao-function.ts';

/**
 * Every function as `cdk deploy` bundles it (weibao-function.ts: esbuild, ESM, a package's ESM
 * build first), all in one build so it takes seconds; synth's own bundling is skipped in tests.
 */
async function bundleEveryFunction() {
  const entries = [...new Set([...routes, ...eventHandlers].map((f) => handlerEntry(f.handler)))];
  const result = await build({
    entryPoints: entries,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    mainFields: ['module', 'main'],
    tsconfig: `${repoRoot}/tsconfig.json`,
    splitting: true,
    outdir: '/nonexistent',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return {
    entries,
    inputs: Object.keys(result.metafile.inputs).map((i) => relative(repoRoot, i)),
    text: result.outputFiles.map((f) => f.text).join('\n'),
  };
}

describe('the AWS bundles', () => {
  it('carry nothing of the local stack: no training clock, no clock a variable of the function could move', async () => {
    // Act
    const bundles = await bundleEveryFunction();

    // Assess
    expect(bundles.entries.length).toBeGreaterThan(60);
    expect(bundles.inputs.filter((i) => i.startsWith('packages/local/'))).toEqual([]);
    expect(bundles.inputs).toContain('packages/adapters/src/system-clock.ts');
    for (const localOnly of [
      '/local/clock',
      'advanceMinutes',
      'WEIBAO_CLOCK_START',
      'WEIBAO_CLOCK_OFFSET_MS',
    ])
      expect(bundles.text.includes(localOnly), localOnly).toBe(false);
  }, 60_000);
});
