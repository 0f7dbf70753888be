import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  hospitalItem,
  keys,
  makeDb,
  openTicketsByNextDeadline,
  ticketItem,
  type Db,
  type HospitalRecord,
} from '@weibao/store';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { batchWriteItems } from '../../../../test/support/batch-write.ts';
import { openTicket } from '../../../../test/support/open-ticket.ts';
import { createTestTable, type TestTable } from '../../../../test/support/table.ts';
import { runWeibao } from '../../../../test/support/weibao-cli.ts';

let table: TestTable;
let db: Db;
beforeAll(async () => {
  table = await createTestTable('cli-hospitals');
  db = makeDb(table.tableName, table.client);
});
afterAll(() => table?.client.destroy());
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const hospital = (id: string, deletedAt: string | null): HospitalRecord => ({
  id,
  name: `医院 ${id}`,
  code: id.toUpperCase(),
  campuses: [],
  intakeLocalPart: id,
  version: 2,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-06-01T00:00:00.000Z',
  deletedAt,
});

const queued = async () =>
  new Set((await openTicketsByNextDeadline(db, { limit: 100 })).items.map((t) => t.hospitalId));

describe('weibao hospitals index-removed', () => {
  it('lists a hospital removed before the list was kept, so the queue leaves out its open tickets; a second run lists nothing', async () => {
    // Prepare: a hospital removed as it was stored before (no entry in HOSPITALS_REMOVED), one
    // still served, and an open ticket of each
    await batchWriteItems(db, [
      hospitalItem(hospital('old1', '2026-06-01T00:00:00.000Z')),
      hospitalItem(hospital('live1', null)),
      ticketItem(openTicket('old1', 1)),
      ticketItem(openTicket('live1', 2)),
    ]);
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.hospital('old1'),
        UpdateExpression: 'REMOVE gsi1pk, gsi1sk',
      }),
    );
    expect(await queued()).toEqual(new Set(['old1', 'live1']));

    // Act
    const first = await runWeibao(table, 'hospitals', 'index-removed');
    const second = await runWeibao(table, 'hospitals', 'index-removed');

    // Assess
    expect(first).toMatchObject({ code: 0 });
    expect(first.out).toBe(
      'listed 1 removed hospitals; 0 changed meanwhile (their change listed them)',
    );
    expect(await queued()).toEqual(new Set(['live1']));
    expect(second.out).toBe(
      'listed 0 removed hospitals; 0 changed meanwhile (their change listed them)',
    );
  });

  it('refuses anything else with the usage', async () => {
    const run = await runWeibao(table, 'hospitals', 'index');
    expect(run.code).toBe(2);
    expect(run.err).toContain('npx weibao hospitals index-removed');
  });
});
