import { randomUUID } from 'node:crypto';
import { dynamoDbLocalClient, startLocalStack, type LocalStack } from '@weibao/local';
import { makeDb, meterDynamoDbRequests, type Db, type MeteredRequest } from '@weibao/store';

export interface Call {
  status: number;
  body: unknown;
  ms: number;
}

export interface BenchStack {
  stack: LocalStack;
  /** A client of the stack's table; made by makeDb, so the meter sees its requests too. */
  db: Db;
  call(email: string, method: string, path: string, body?: unknown): Promise<Call>;
  /** Runs `f` and answers the DynamoDB requests made meanwhile (by anyone in this process). */
  metered<T>(f: () => Promise<T>): Promise<{ value: T; requests: MeteredRequest[] }>;
  /**
   * Runs `write` unmetered with the stream held, then answers the DynamoDB requests the stream's
   * rollups make for what it wrote (by anyone in this process until the stream is drained), and
   * the handler's time in each invocation that took it.
   */
  meteredRollups(
    write: () => Promise<unknown>,
  ): Promise<{ requests: MeteredRequest[]; invocations: { records: number; ms: number }[] }>;
  token(email: string): Promise<string>;
  stop(): Promise<void>;
}

/** The whole local stack in this process (DynamoDB Local in memory), demo data loaded. */
export async function startBenchStack(): Promise<BenchStack> {
  // The rollups' invocations while meteredRollups waits for them (declared first: the stream
  // runs them from the demo data on, while the stack starts).
  let invocations: { records: number; ms: number }[] | undefined;
  const stack = await startLocalStack({
    port: 0,
    inMemory: true,
    quiet: true,
    tableName: `bench-${randomUUID()}`,
    onRollups: (run) => invocations?.push(run),
  });
  const db = makeDb(stack.env.tableName, dynamoDbLocalClient(stack.env.endpoints.dynamodb));
  let bucket: MeteredRequest[] | undefined;
  const tokens = new Map<string, string>();
  const token = async (email: string) => {
    let t = tokens.get(email);
    if (!t) tokens.set(email, (t = await stack.tokenFor(email)));
    return t;
  };
  return {
    stack,
    db,
    token,
    async call(email, method, path, body) {
      const started = performance.now();
      const res = await fetch(new URL(path, stack.urls.api), {
        method,
        headers: {
          authorization: `Bearer ${await token(email)}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return {
        status: res.status,
        body: text ? (JSON.parse(text) as unknown) : null,
        ms: performance.now() - started,
      };
    },
    async metered(f) {
      if (bucket) throw new Error('metered() calls must not overlap');
      const requests: MeteredRequest[] = (bucket = []);
      // The rollups of earlier writes first, then none while measuring: the meter counts every
      // request of this process, and the stream's handler runs in it.
      await stack.streamDrained();
      const resume = await stack.pauseStream();
      // On only while measuring: otherwise requests go out exactly as without the hook.
      meterDynamoDbRequests((r) => requests.push(r));
      try {
        const value = await f();
        return { value, requests };
      } finally {
        meterDynamoDbRequests(undefined);
        bucket = undefined;
        resume();
      }
    },
    async meteredRollups(write) {
      if (bucket) throw new Error('metered() calls must not overlap');
      const requests: MeteredRequest[] = (bucket = []);
      await stack.streamDrained();
      let resume: (() => void) | undefined = await stack.pauseStream();
      try {
        await write();
        const runs: { records: number; ms: number }[] = (invocations = []);
        meterDynamoDbRequests((r) => requests.push(r));
        resume();
        resume = undefined;
        await stack.streamDrained();
        return { requests, invocations: runs };
      } finally {
        meterDynamoDbRequests(undefined);
        bucket = undefined;
        invocations = undefined;
        resume?.();
      }
    },
    async stop() {
      meterDynamoDbRequests(undefined);
      db.raw.destroy();
      await stack.stop();
    },
  };
}

/** A phone report entered by the engineer, reported `agoMs` ago. */
export function phoneReport(
  b: Pick<BenchStack, 'call'>,
  title: string,
  agoMs = 60_000,
  severity = 'serious',
): Promise<Call> {
  return b.call(users.engineer, 'POST', '/api/hospitals/whzx/tickets', {
    kind: 'fault',
    severity,
    channel: 'phone',
    subsystemId: 's1',
    title,
    description: '医嘱提交缓慢，已影响部分病区的医嘱录入。',
    reporter: { name: '刘洋', phone: '027-00000000' },
    reportedAt: new Date(Date.now() - agoMs).toISOString(),
  });
}

export const users = {
  admin: 'admin@vendor.example',
  engineer: 'engineer@vendor.example',
  hospitalIt: 'it@whch.example',
};
export const demoContractId = '01KAW00000000000000000WHZX';
