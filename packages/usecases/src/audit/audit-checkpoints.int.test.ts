import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  keys,
  makeDb,
  saveHospital,
  verifyAuditChain,
  type AuditRecord,
  type Db,
  type HospitalRecord,
} from '@weibao/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTable } from '../../../../test/support/table.ts';
import { AuditLogBrokenError, makeCheckpointAuditLogs } from './audit-checkpoints.ts';

let db: Db;
beforeAll(async () => {
  const t = await createTestTable('audit-checkpoints');
  db = makeDb(t.tableName, t.client);
});

const created = '2026-11-25T08:00:00.000Z';
let n = 0;
function hospital(id: string, name: string, version = 1): HospitalRecord {
  return {
    id,
    name,
    code: 'TEST',
    campuses: [],
    intakeLocalPart: id,
    version,
    createdAt: created,
    updatedAt: created,
    deletedAt: null,
  };
}
function audit(h: HospitalRecord, action: string): AuditRecord {
  n += 1;
  return {
    id: `01KAWA${String(n).padStart(20, '0')}`,
    hospitalId: h.id,
    at: created,
    actor: { sub: 'test', email: null, role: 'vendor-admin' },
    action,
    entity: { type: 'hospital', id: h.id },
    before: null,
    after: { name: h.name },
  };
}
async function hospitalWithHistory(id: string): Promise<void> {
  const first = hospital(id, `医院 ${id}`);
  await saveHospital(db, first, { kind: 'create' }, audit(first, 'hospital.create'));
  const renamed = hospital(id, `医院 ${id}（更名）`, 2);
  await saveHospital(
    db,
    renamed,
    { kind: 'update', expectedVersion: 1 },
    audit(renamed, 'hospital.update'),
  );
}
const checkpointsOf = async (hospitalId: string) =>
  (
    await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :cp)',
        ExpressionAttributeValues: {
          ':pk': keys.auditOfHospital(hospitalId).pk,
          ':cp': 'CHECKPOINT#',
        },
      }),
    )
  ).Items ?? [];
const runAt = (iso: string) =>
  makeCheckpointAuditLogs({ db, clock: { now: () => new Date(iso) } })();

describe('the daily audit checkpoint', () => {
  it('checkpoints every hospital once a run; a retry within the hour writes no second checkpoint, the next day writes one more', async () => {
    // Prepare: two hospitals with two audited changes each, made a day before the run
    await hospitalWithHistory('cp-a');
    await hospitalWithHistory('cp-b');

    // Act: the 03:30 run, its retry at 03:52, and the next day's run
    const first = await runAt('2026-11-26T19:30:05.000Z');
    const retry = await runAt('2026-11-26T19:52:00.000Z');
    const afterRetry = await checkpointsOf('cp-a');
    const nextDay = await runAt('2026-11-27T19:30:04.000Z');

    // Assess
    expect(first.asOf).toBe('2026-11-26T19:00:00.000Z');
    expect(first.checkpointed).toEqual(
      expect.arrayContaining([
        { hospitalId: 'cp-a', records: 2, cutoff: '2026-11-26T18:45:00.000Z' },
        { hospitalId: 'cp-b', records: 2, cutoff: '2026-11-26T18:45:00.000Z' },
      ]),
    );
    expect(first.broken).toEqual([]);
    expect(retry.checkpointed.map((c) => c.cutoff)).toEqual(
      first.checkpointed.map((c) => c.cutoff),
    );
    expect(afterRetry).toHaveLength(1);
    expect(afterRetry[0]).toMatchObject({ records: 2, cutoff: '2026-11-26T18:45:00.000Z' });
    expect(nextDay.broken).toEqual([]);
    expect(await checkpointsOf('cp-a')).toHaveLength(2);
    expect(await verifyAuditChain(db, 'cp-a')).toMatchObject({
      ok: true,
      count: 2,
      checkpoints: 2,
    });
  });

  it('a hospital whose audit log was edited gets no checkpoint and fails the run by name, after every other hospital got its own', async () => {
    // Prepare: two hospitals; one record of cp-broken edited after the fact
    await hospitalWithHistory('cp-broken');
    await hospitalWithHistory('cp-intact');
    const lane = keys.hospital('cp-broken').sk;
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.audit('cp-broken', lane, 1),
        UpdateExpression: 'SET #a = :a',
        ExpressionAttributeNames: { '#a': 'action' },
        ExpressionAttributeValues: { ':a': 'hospital.delete' },
      }),
    );

    // Act
    const failed = await runAt('2026-11-28T19:30:00.000Z').then(
      () => undefined,
      (err: unknown) => err,
    );

    // Assess
    expect(failed).toBeInstanceOf(AuditLogBrokenError);
    const run = (failed as AuditLogBrokenError).run;
    expect(run.broken).toEqual([
      expect.objectContaining({ hospitalId: 'cp-broken', lane, seq: 1 }),
    ]);
    expect((failed as Error).message).toContain('cp-broken');
    expect(run.checkpointed.map((c) => c.hospitalId)).toContain('cp-intact');
    expect(await checkpointsOf('cp-broken')).toHaveLength(0);
    expect(await checkpointsOf('cp-intact')).toHaveLength(1);
  });
});
