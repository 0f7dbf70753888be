import { systemClock } from '@weibao/adapters';
import { makeDb } from '@weibao/store';
import type { Deps } from '@weibao/usecases';
import { monotonicFactory, ulid as ulidAt } from 'ulid';
import { dynamoDbClient } from './sdk-client.ts';
import { oncePerFunction } from './per-function.ts';

/** The real adapters, built once per cold start and shared by every invocation. */
export const appDeps = oncePerFunction((): Deps => {
  const tableName = process.env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set: the function cannot reach its table');
  const ulid = monotonicFactory();
  // A ticket's id is taken at its report time, so a hospital's tickets list by report time.
  return {
    db: makeDb(tableName, dynamoDbClient()),
    clock: systemClock,
    ids: { next: (atMs) => (atMs === undefined ? ulid() : ulidAt(atMs)) },
  };
});
