import { vi } from 'vitest';
import { main } from '../../packages/cli/src/index.ts';
import type { TestTable } from './table.ts';

/**
 * `npx weibao …` in this process against one test table: what it printed to stdout and stderr and
 * its exit code. The environment it sets is undone by `vi.unstubAllEnvs()` in the test's afterEach.
 */
export async function runWeibao(
  table: Pick<TestTable, 'tableName' | 'endpoint'>,
  ...args: string[]
) {
  vi.stubEnv('TABLE_NAME', table.tableName);
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', table.endpoint);
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  const code = await main(args);
  const out = log.mock.calls.map((c) => String(c[0])).join('\n');
  const err = error.mock.calls.map((c) => String(c[0])).join('\n');
  log.mockRestore();
  error.mockRestore();
  return { code, out, err };
}
