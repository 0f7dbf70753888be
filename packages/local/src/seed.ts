import type { LocalEnv } from './env.ts';

/** Demo data for the local stack; runs after the table exists, on every start, so it must be idempotent. */
export async function seedDemoData(env: LocalEnv): Promise<void> {
  console.log(`seed: not yet (table ${env.tableName})`);
}
