import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { makeDb } from '@weibao/store';
import { loadDemoData } from '@weibao/usecases';
import { monotonicFactory } from 'ulid';
import type { LocalEnv } from './env.ts';

/** Demo data for the local stack; runs after the table exists, on every start, so it is idempotent. */
export async function seedDemoData(env: LocalEnv): Promise<void> {
  const raw = new DynamoDBClient({
    region: env.region,
    endpoint: env.endpoints.dynamodb,
    credentials: env.credentials,
  });
  try {
    const ulid = monotonicFactory();
    const { created } = await loadDemoData({
      db: makeDb(env.tableName, raw),
      clock: { now: () => new Date() },
      ids: { next: () => ulid() },
    });
    if (created.length > 0) console.log(`Loaded demo data: ${created.join(', ')}`);
  } finally {
    raw.destroy();
  }
}
