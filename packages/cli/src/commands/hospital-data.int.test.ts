import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  ensureIntakeAddress,
  hospitalHasItems,
  hospitalIdByIntakeAddress,
  keys,
  makeDb,
  type Db,
} from '@weibao/store';
import { demoContracts, loadDemoData, makeUpdateContract, type Deps } from '@weibao/usecases';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestTable, type TestTable } from '../../../../test/support/table.ts';
import { runWeibao } from '../../../../test/support/weibao-cli.ts';

let source: TestTable;
let db: Db;
let dir: string;
beforeAll(async () => {
  source = await createTestTable('cli-source');
  db = makeDb(source.tableName, source.client);
  let n = 0;
  const deps: Deps = {
    db,
    clock: { now: () => new Date('2026-11-25T08:00:00.000Z') },
    ids: { next: () => `01KAWT${String(++n).padStart(20, '0')}` },
  };
  await loadDemoData(deps);
  // A third record in each hospital's log: a change of its contract.
  for (const c of demoContracts)
    await makeUpdateContract(deps)(
      { sub: 'test', email: null, role: 'service-manager', hospitalId: null },
      c.hospitalId,
      c.id,
      { ...c.terms, name: `${c.terms.name}（修订）` },
      1,
    );
  dir = await mkdtemp(join(tmpdir(), 'weibao-export-'));
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const weibao = runWeibao;

const sortedLines = async (file: string) =>
  (await readFile(file, 'utf8')).split('\n').filter(Boolean).sort();

/** The audit lane of a hospital's demo contract: its sort key. */
function contractLane(hospitalId: string): string {
  const c = demoContracts.find((d) => d.hospitalId === hospitalId);
  if (!c) throw new Error(`no demo contract of ${hospitalId}`);
  return keys.contract(hospitalId, c.id).sk;
}

describe('weibao audit verify', () => {
  it('reports an intact chain with its count', async () => {
    const run = await weibao(source, 'audit', 'verify', '--hospital', 'whzx');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(
      /^OK: 4 audit records of hospital whzx in \d+ lanes, every lane intact/,
    );
  });

  it('finds a record changed by hand, and a record deleted by hand, each in its lane at its seq, exit code 1', async () => {
    // Prepare: a second table with the same data, so the tampering stays there
    const copy = await createTestTable('cli-tamper');
    for (const h of ['whzx', 'jcey']) {
      const file = join(dir, `tamper-${h}.jsonl`);
      expect((await weibao(source, 'export', '--hospital', h, '--out', file)).code).toBe(0);
      expect((await weibao(copy, 'import', '--file', file)).code).toBe(0);
    }
    const copyDb = makeDb(copy.tableName, copy.client);
    // Act: someone with table access rewrites what whzx's contract record 2 says and deletes jcey's contract record 1
    await copyDb.doc.send(
      new UpdateCommand({
        TableName: copy.tableName,
        Key: keys.audit('whzx', contractLane('whzx'), 2),
        UpdateExpression: 'SET #after.terms.totalFen = :fen',
        ExpressionAttributeNames: { '#after': 'after' },
        ExpressionAttributeValues: { ':fen': 1 },
      }),
    );
    await copyDb.doc.send(
      new DeleteCommand({
        TableName: copy.tableName,
        Key: keys.audit('jcey', contractLane('jcey'), 1),
      }),
    );
    const edited = await weibao(copy, 'audit', 'verify', '--hospital', 'whzx');
    const deleted = await weibao(copy, 'audit', 'verify', '--hospital', 'jcey');
    // Assess
    expect(edited.code).toBe(1);
    expect(edited.out).toMatch(/^BROKEN in lane CONTRACT#\S+ at seq 2: hash-mismatch: /);
    expect(deleted.code).toBe(1);
    expect(deleted.out).toMatch(
      /^BROKEN in lane CONTRACT#\S+ at seq 1: gap: records 1–1 of CONTRACT#\S+ are missing before record 2/,
    );
  });

  it('says how to name the hospital', async () => {
    const run = await weibao(source, 'audit', 'verify');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/--hospital ID/);
  });
});

describe('weibao export and import', () => {
  it('round-trips a hospital into a fresh table byte for byte, audit chain and all', async () => {
    // Prepare
    const fresh = await createTestTable('cli-import');
    const first = join(dir, 'whzx-1.jsonl');
    const second = join(dir, 'whzx-2.jsonl');
    // Act
    const exported = await weibao(source, 'export', '--hospital', 'whzx', '--out', first);
    const imported = await weibao(fresh, 'import', '--file', first);
    await weibao(fresh, 'export', '--hospital', 'whzx', '--out', second);
    // Assess
    expect(exported.code).toBe(0);
    expect(imported).toMatchObject({
      code: 0,
      // 46: no hospital-wide audit head item any more; the lane heads live on the items.
      out: 'imported 46 items of hospital whzx; its mail arrives at whzx@ again',
    });
    // The intake address lookup, outside the hospital's partitions, is made again from it.
    expect(await hospitalIdByIntakeAddress(makeDb(fresh.tableName, fresh.client), 'whzx')).toBe(
      'whzx',
    );
    const lines = await sortedLines(first);
    expect(await sortedLines(second)).toEqual(lines);
    const partitions = lines.map(
      (l) => (JSON.parse(l) as { Item: { pk: { S: string } } }).Item.pk.S,
    );
    expect(new Set(partitions)).toEqual(new Set(['H#whzx', 'H#whzx#AUDIT']));
    expect(lines.join('\n')).not.toContain('jcey');
    expect((await weibao(fresh, 'audit', 'verify', '--hospital', 'whzx')).code).toBe(0);
  });

  it('refuses to import into a table that already holds the hospital, writing nothing', async () => {
    // Prepare
    const file = join(dir, 'jcey.jsonl');
    await weibao(source, 'export', '--hospital', 'jcey', '--out', file);
    // Act
    const again = await weibao(source, 'import', '--file', file);
    // Assess
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already holds data of hospital jcey/);
    expect((await weibao(source, 'audit', 'verify', '--hospital', 'jcey')).out).toMatch(/^OK: 4 /);
  });

  it('refuses an import whose intake address another hospital holds in the target table, writing nothing', async () => {
    // Prepare: jcey's export, into a table where another hospital already has jcey's address
    const file = join(dir, 'jcey-taken.jsonl');
    await weibao(source, 'export', '--hospital', 'jcey', '--out', file);
    const target = await createTestTable('cli-import-taken');
    const targetDb = makeDb(target.tableName, target.client);
    const localPart = (
      await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.hospital('jcey') }))
    ).Item?.intakeLocalPart as string;
    await ensureIntakeAddress(targetDb, localPart, 'other');
    // Act
    const run = await weibao(target, 'import', '--file', file);
    // Assess
    expect(run.code).toBe(2);
    expect(run.err).toMatch(new RegExp(`intake address ${localPart} belongs to hospital other`));
    expect(await hospitalHasItems(targetDb, 'jcey')).toBe(false);
  });
});
