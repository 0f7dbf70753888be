import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { systemClock } from '@weibao/adapters';
import { keys, makeDb, rollupAt, ticketItem, type Db } from '@weibao/store';
import { cellsOfHospital, loadDemoData, type Deps } from '@weibao/usecases';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { batchWriteItems } from '../../../../test/support/batch-write.ts';
import { openTicket } from '../../../../test/support/open-ticket.ts';
import { createTestTable, type TestTable } from '../../../../test/support/table.ts';
import { runWeibao } from '../../../../test/support/weibao-cli.ts';

let table: TestTable;
let db: Db;
let deps: Deps;
beforeAll(async () => {
  table = await createTestTable('cli-rollups');
  db = makeDb(table.tableName, table.client);
  let n = 0;
  // The command recomputes the quarters of today, so the seed is dated today as well.
  deps = { db, clock: systemClock, ids: { next: () => `01KAWT${String(++n).padStart(20, '0')}` } };
  await loadDemoData(deps);
  // One open serious fault of whzx (reported 4 December 2026): a figure the rebuild must count.
  await batchWriteItems(db, [ticketItem(openTicket('whzx', 1))]);
});
afterAll(() => table?.client.destroy());
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const weibao = (...args: string[]) => runWeibao(table, 'rollups', ...args);

const cellsOf = async (hospitalId: string) => (await cellsOfHospital(deps, hospitalId)).length;

describe('weibao rollups rebuild', () => {
  it('of one hospital writes each of its cells once, counts its open fault, and leaves the other hospital alone', async () => {
    // Prepare
    const cells = await cellsOf('whzx');
    expect(cells).toBeGreaterThanOrEqual(5);

    // Act
    const run = await weibao('rebuild', '--hospital', 'whzx');

    // Assess
    expect(run).toMatchObject({ code: 0 });
    expect(run.out).toBe(`1 hospitals: ${cells} rollup cells written, 0 unchanged`);
    expect((await rollupAt(db, keys.rollupOpen('whzx')))?.figures).toEqual({
      fatal: 0,
      serious: 1,
      minor: 0,
    });
    expect(await rollupAt(db, keys.rollupOpen('jcey'))).toBeUndefined();
  });

  it('of every hospital writes only what is missing or wrong; a second run writes nothing', async () => {
    // Prepare: whzx's open count altered by hand
    const whzx = await cellsOf('whzx');
    const jcey = await cellsOf('jcey');
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.rollupOpen('whzx'),
        UpdateExpression: 'SET serious = :wrong',
        ExpressionAttributeValues: { ':wrong': 7 },
      }),
    );

    // Act
    const first = await weibao('rebuild');
    const second = await weibao('rebuild');

    // Assess
    expect(first.code).toBe(0);
    expect(first.out).toBe(
      `2 hospitals: ${jcey + 1} rollup cells written, ${whzx - 1} unchanged; the vendor’s deduction totals set to their sum`,
    );
    expect((await rollupAt(db, keys.rollupOpen('whzx')))?.figures).toMatchObject({ serious: 1 });
    expect(second.code).toBe(0);
    expect(second.out).toBe(
      `2 hospitals: 0 rollup cells written, ${whzx + jcey} unchanged; the vendor’s deduction totals set to their sum`,
    );
  });

  it('refuses an unknown hospital and a malformed id with the fix, writing nothing', async () => {
    // Act
    const unknown = await weibao('rebuild', '--hospital', 'nosuch');
    const malformed = await weibao('rebuild', '--hospital', 'No Such');
    const noVerb = await weibao();

    // Assess
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no hospital nosuch in the table');
    expect(unknown.err).toContain('leave out --hospital to rebuild every hospital');
    expect(unknown.out).toBe('');
    expect(malformed.code).toBe(2);
    expect(malformed.err).toContain('"No Such" is not a hospital id');
    expect(noVerb.code).toBe(2);
    expect(noVerb.err).toContain('rollups rebuild [--hospital ID]');
  });
});
