import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { workRecordInputSchema } from '@weibao/api/schemas-obligations';
import { dynamoDbLocalClient } from '@weibao/local/dynamodb-local';
import { keys, makeDb, type Db } from '@weibao/store';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestStack, type TestStack } from '../../../../test/support/stack.ts';
import { runWeibao } from '../../../../test/support/weibao-cli.ts';
import { localRestoreDrill } from '../restore-drill/drill.ts';

let stack: TestStack;
let source: Db;
let dir: string;
beforeAll(async () => {
  stack = await startTestStack();
  source = makeDb(stack.env.tableName, dynamoDbLocalClient(stack.env.endpoints.dynamodb));
  dir = await mkdtemp(join(tmpdir(), 'weibao-drill-'));
}, 120_000);
afterAll(async () => {
  source?.raw.destroy();
  await stack?.stop();
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** `npx weibao …` in this process against the stack's table. */
const weibao = (...args: string[]) =>
  runWeibao({ tableName: stack.env.tableName, endpoint: stack.env.endpoints.dynamodb }, ...args);

const drillTables = async () =>
  ((await source.raw.send(new ListTablesCommand({}))).TableNames ?? []).filter((t) =>
    t.startsWith(`${stack.env.tableName}-drill-`),
  );

describe('weibao restore-drill against the local stack', () => {
  it('restores every hospital into a scratch table, finds counts and audit chains intact, deletes the copy, and writes the report and a work record', async () => {
    // Prepare
    const out = join(dir, 'report.txt');
    const record = join(dir, 'work-record.json');
    // Act
    const run = await weibao(
      'restore-drill',
      '--out',
      out,
      '--work-record',
      record,
      '--obligation',
      'backup-restore-test-1',
    );
    // Assess
    expect(run.code, run.out + run.err).toBe(0);
    expect(run.out).toContain('结果 Result: 通过 PASS');
    expect(run.out).toMatch(
      /✓ .+ \(whzx\): 通过 pass\n {4}源 source (\d+) \/ 副本 copy \1 项 items: 一致 equal/,
    );
    expect(run.out).toMatch(/✓ .+ \(jcey\): 通过 pass/);
    expect(run.out).toMatch(/审计链完整 audit chain intact: \d+ 条 records/);
    expect(run.out).toContain('(已删除 deleted)');
    expect(await readFile(out, 'utf8')).toBe(`${run.out}\n`);
    const body: unknown = JSON.parse(await readFile(record, 'utf8'));
    expect(workRecordInputSchema.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({
      kind: 'restore-test',
      obligationId: 'backup-restore-test-1',
      restoreTest: { result: 'pass' },
    });
    expect(await drillTables()).toEqual([]);
  });

  it('fails when the copy lost an item, naming the hospital and how many are missing', async () => {
    // Act: whzx's hospital item vanishes from the copy after the import
    const report = await localRestoreDrill({
      source,
      sourceLabel: 'test',
      afterRestore: async (copy) => {
        await copy.doc.send(
          new DeleteCommand({ TableName: copy.tableName, Key: keys.hospital('whzx') }),
        );
      },
    });
    // Assess
    const whzx = report.hospitals.find((h) => h.hospitalId === 'whzx');
    expect(report.pass).toBe(false);
    expect(whzx?.counts).toEqual({ kind: 'differ', missing: 1 });
    expect(report.hospitals.filter((h) => !h.pass).map((h) => h.hospitalId)).toEqual(['whzx']);
    expect(report.cleanup).toEqual({ deleted: true });
    expect(await drillTables()).toEqual([]);
  });

  it('fails when an audit record was changed in the copy, at that record', async () => {
    // Act
    const report = await localRestoreDrill({
      source,
      sourceLabel: 'test',
      afterRestore: async (copy) => {
        await copy.doc.send(
          new UpdateCommand({
            TableName: copy.tableName,
            Key: keys.audit('jcey', 'HOSPITAL', 1),
            UpdateExpression: 'SET #action = :a',
            ExpressionAttributeNames: { '#action': 'action' },
            ExpressionAttributeValues: { ':a': 'tampered' },
          }),
        );
      },
    });
    // Assess
    const jcey = report.hospitals.find((h) => h.hospitalId === 'jcey');
    expect(report.pass).toBe(false);
    expect(jcey?.counts).toEqual({ kind: 'equal' });
    expect(jcey?.audit).toMatchObject({ ok: false, seq: 1, problem: 'hash-mismatch' });
  });

  it('says how to reach the local stack when nothing answers, exit code 2', async () => {
    const run = await weibao('restore-drill', '--endpoint', 'http://127.0.0.1:9');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/start the local stack with npm start/);
  });

  it('refuses an obligation id that is not one, and one without a work record', async () => {
    expect((await weibao('restore-drill', '--obligation', 'x y')).err).toMatch(
      /not an obligation id/,
    );
    expect((await weibao('restore-drill', '--obligation', 'backup-restore-test-1')).err).toMatch(
      /add --work-record FILE.json/,
    );
  });
});
