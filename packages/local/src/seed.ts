import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { indexOpenWork, indexTicketSearch, makeDb, type Db } from '@weibao/store';
import {
  demoContractsDatedFrom,
  loadDemoData,
  makeAssignEngineer,
  makeInvitePerson,
  makeGetEngineerAssignment,
  makeRebuildRollups,
  type Deps,
} from '@weibao/usecases';
import { monotonicFactory } from 'ulid';
import { demoUsers } from './demo-users.ts';
import type { LocalEnv } from './env.ts';

/**
 * Demo data for the local stack; runs after the table exists, on every start, so it is idempotent.
 * `datedFromToday`: the contracts are signed shortly before the stack's first start (as a person's
 * `npm start` shows them) instead of on the tests' fixed 2026 days.
 */
export async function seedDemoData(
  env: LocalEnv,
  now: () => number = Date.now,
  datedFromToday = false,
): Promise<void> {
  const raw = new DynamoDBClient({
    region: env.region,
    endpoint: env.endpoints.dynamodb,
    credentials: env.credentials,
  });
  try {
    const ulid = monotonicFactory();
    const deps: Deps = {
      db: makeDb(env.tableName, raw),
      clock: { now: () => new Date(now()) },
      ids: { next: () => ulid() },
    };
    const today = new Date(now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const { created } = await loadDemoData(
      deps,
      datedFromToday ? demoContractsDatedFrom(today) : undefined,
    );
    created.push(...(await assignDemoEngineers(deps)));
    created.push(...(await inviteDemoUsers(deps)));
    if (created.length > 0) console.log(`Loaded demo data: ${created.join(', ')}`);
  } finally {
    raw.destroy();
  }
}

/** Demo engineers limited to their hospitals, once: an admin's later change is kept. */
async function assignDemoEngineers(deps: Deps): Promise<string[]> {
  const done: string[] = [];
  for (const user of demoUsers) {
    if (!user.assignedHospitals) continue;
    const current = await makeGetEngineerAssignment(deps)(user.sub);
    if (current.version > 0) continue;
    await makeAssignEngineer(deps)(
      { sub: 'system:demo-data', email: null, role: 'vendor-admin', hospitalId: null },
      user.sub,
      { hospitalIds: [...user.assignedHospitals], version: 0 },
    );
    done.push(`assignment of ${user.email}`);
  }
  return done;
}

/** The demo users in the directory, once, with their stable subs: an admin's later change is kept. */
async function inviteDemoUsers(deps: Deps): Promise<string[]> {
  const done: string[] = [];
  const system = {
    sub: 'system:demo-data',
    email: null,
    role: 'vendor-admin',
    hospitalId: null,
  } as const;
  for (const user of demoUsers) {
    const place = user.oversees ? null : (user.hospitalId ?? null);
    const { created } = await makeInvitePerson(deps)(
      system,
      place,
      {
        name: user.name,
        email: user.email,
        phone: null,
        role: user.role,
        ...(user.oversees ? { contracts: [...user.oversees] } : {}),
      },
      { sub: user.sub },
    );
    if (created) done.push(`directory entry of ${user.email}`);
  }
  return done;
}

/**
 * The overview's rollups of a table kept on disk from before it had a stream: its records were
 * never in the stream, so they are rolled up once from source, as `weibao rollups rebuild` does
 * after the deploy that adds the stream on AWS.
 */
export async function rebuildRollups(env: LocalEnv, now: () => number = Date.now): Promise<void> {
  const run = await withLocalDb(env, (db) =>
    makeRebuildRollups({
      db,
      clock: { now: () => new Date(now()) },
      ids: { next: () => 'unused' },
    })(),
  );
  console.log(
    `Rolled up the overview of ${run.hospitals} hospitals from their records (${run.written} cells written)`,
  );
}

/** `work` on the local table with a client of its own, closed after. */
async function withLocalDb<T>(env: LocalEnv, work: (db: Db) => Promise<T>): Promise<T> {
  const raw = new DynamoDBClient({
    region: env.region,
    endpoint: env.endpoints.dynamodb,
    credentials: env.credentials,
  });
  try {
    return await work(makeDb(env.tableName, raw));
  } finally {
    raw.destroy();
  }
}

/**
 * Records kept on disk from before an index was defined have no entry in it: gsi4 (a hospital's
 * open work, which an engineer limited to some hospitals reads) and gsi5 (every hospital's
 * tickets, which 工单查询 reads). Indexed once, as `weibao open-work index` and `weibao tickets
 * index` do after the deploy that adds the index on AWS.
 */
export async function indexKeptRecords(env: LocalEnv, added: readonly string[]): Promise<void> {
  if (!added.includes('gsi4') && !added.includes('gsi5')) return;
  await withLocalDb(env, async (db) => {
    if (added.includes('gsi4')) {
      const run = await indexOpenWork(db);
      console.log(
        `Indexed the open work of the kept data: ${run.tickets} open tickets, ${run.obligations} open obligations`,
      );
    }
    if (added.includes('gsi5')) {
      const run = await indexTicketSearch(db);
      console.log(`Indexed the kept tickets for 工单查询: ${run.tickets}`);
    }
  });
}
