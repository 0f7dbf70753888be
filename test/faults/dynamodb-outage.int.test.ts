import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  dynamoDbLocalClient,
  startDynamoDbLocal,
  startLocalStack,
  type DynamoDbLocal,
  type LocalStack,
} from '@weibao/local';
import { makeDb, verifyAuditChain } from '@weibao/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, engineer, phoneReport } from './support.ts';

let dataDir: string;
let dynamo: DynamoDbLocal;
let stack: LocalStack;
let call: ReturnType<typeof caller>;

beforeAll(async () => {
  // Every refused request logs a warning; a hundred of them would bury the test's own output.
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  // A DynamoDB Local of this file's own, on disk, so it can be killed and started again.
  dataDir = await mkdtemp(join(tmpdir(), 'weibao-outage-'));
  dynamo = await startDynamoDbLocal({ dataDir });
  stack = await startLocalStack({
    port: 0,
    inMemory: true,
    quiet: true,
    dynamodbEndpoint: dynamo.endpoint,
    followStream: false,
    tableName: `outage-${randomUUID()}`,
  });
  call = caller(stack);
});
afterAll(async () => {
  await stack?.stop();
  await dynamo?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

interface Outcome {
  status: number;
  retryAfter: string | null;
  ms: number;
  ticketId?: string;
  phase: 'before' | 'down' | 'after';
}

describe('DynamoDB killed mid-run and started again from its files', () => {
  it('keeps every acknowledged ticket, answers 503 with Retry-After while down, and recovers without a restart of the API', async () => {
    // Prepare: four engineers entering phone reports without pause.
    let phase: Outcome['phase'] = 'before';
    let writing = true;
    const outcomes: Outcome[] = [];
    const writer = async (n: number) => {
      for (let i = 0; writing; i += 1) {
        const at = phase;
        const res = await call(
          engineer,
          'POST',
          '/api/hospitals/whzx/tickets',
          phoneReport(`停机演练 ${n}-${i}`),
          { 'idempotency-key': `outage-${n}-${i}` },
        );
        const id = (res.body as { ticket?: { id?: string } } | null)?.ticket?.id;
        outcomes.push({
          status: res.status,
          retryAfter: res.headers.get('retry-after'),
          ms: res.ms,
          phase: at === phase ? at : 'down',
          ...(res.status === 201 && id ? { ticketId: id } : {}),
        });
        if (res.status === 503) await new Promise((r) => setTimeout(r, 200));
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    const until = async (probe: () => boolean, timeoutMs: number, what: string) => {
      const end = Date.now() + timeoutMs;
      while (!probe()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await until(() => outcomes.filter((o) => o.status === 201).length >= 8, 20_000, 'first acks');

    // Act: kill -9 mid-write, keep the API busy for a while, then start it again on its files.
    phase = 'down';
    await dynamo.crash();
    await until(
      () => outcomes.filter((o) => o.phase === 'down' && o.status === 503).length >= 4,
      20_000,
      '503s while down',
    );
    dynamo = await startDynamoDbLocal({ dataDir, port: dynamo.port });
    phase = 'after';
    await until(
      () => outcomes.filter((o) => o.phase === 'after' && o.status === 201).length >= 4,
      45_000,
      'acks after the restart',
    );
    writing = false;
    await Promise.all(writers);

    // Assess: only 201 or 503 (never a 500), each 503 with Retry-After and within a few seconds.
    expect(outcomes.filter((o) => o.status !== 201 && o.status !== 503)).toEqual([]);
    const unavailable = outcomes.filter((o) => o.status === 503);
    expect(unavailable.length).toBeGreaterThanOrEqual(4);
    expect(unavailable.every((o) => o.retryAfter !== null && Number(o.retryAfter) > 0)).toBe(true);
    expect(Math.max(...unavailable.map((o) => o.ms))).toBeLessThan(10_000);

    // Every acknowledged ticket is there, read through the same (never restarted) API.
    const acknowledged = outcomes.flatMap((o) => (o.ticketId ? [o.ticketId] : []));
    for (const id of acknowledged) {
      const res = await call(engineer, 'GET', `/api/hospitals/whzx/tickets/${id}`);
      expect(res.status, `ticket ${id}`).toBe(200);
    }
    const db = makeDb(stack.env.tableName, dynamoDbLocalClient(dynamo.endpoint));
    expect(await verifyAuditChain(db, 'whzx')).toMatchObject({ ok: true });
    db.raw.destroy();
  }, 120_000);
});
