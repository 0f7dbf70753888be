import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTable } from '../../../test/support/table.ts';
import { auditRecordsOfHospital, type AuditRecord } from './audit.ts';
import { makeDb, type Db } from './client.ts';
import { StoreError } from './errors.ts';
import { allHospitals, hospitalById, saveHospital, type HospitalRecord } from './hospitals.ts';

let db: Db;
beforeAll(async () => {
  const t = await createTestTable('store');
  db = makeDb(t.tableName, t.client);
});

const at = '2026-11-25T08:00:00.000Z';
let auditSeq = 0;
function audit(hospitalId: string, action: string): AuditRecord {
  auditSeq += 1;
  return {
    id: `01KAW${String(auditSeq).padStart(21, '0')}`,
    hospitalId,
    at,
    actor: { sub: 'test', email: null, role: 'vendor-admin' },
    action,
    entity: { type: 'hospital', id: hospitalId },
    before: null,
    after: null,
  };
}
function hospital(id: string, version = 1): HospitalRecord {
  return {
    id,
    name: `医院 ${id}`,
    code: 'TEST',
    campuses: [],
    intakeLocalPart: id,
    version,
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
  };
}

describe('versioned writes', () => {
  it('refuses a second create under the same key and writes no audit record for it', async () => {
    await saveHospital(db, hospital('h-create'), { kind: 'create' }, audit('h-create', 'create'));
    const second = saveHospital(
      db,
      hospital('h-create'),
      { kind: 'create' },
      audit('h-create', 'create-again'),
    );
    await expect(second).rejects.toMatchObject({ code: 'already-exists' });
    const log = await auditRecordsOfHospital(db, 'h-create');
    expect(log.items.map((r) => r.action)).toEqual(['create']);
  });

  it('refuses an update made from a stale version and reports the current one', async () => {
    await saveHospital(db, hospital('h-stale'), { kind: 'create' }, audit('h-stale', 'create'));
    await saveHospital(
      db,
      { ...hospital('h-stale', 2), name: '第一次修改' },
      { kind: 'update', expectedVersion: 1 },
      audit('h-stale', 'update'),
    );
    const stale = saveHospital(
      db,
      { ...hospital('h-stale', 2), name: '过期的修改' },
      { kind: 'update', expectedVersion: 1 },
      audit('h-stale', 'stale'),
    );
    await expect(stale).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof StoreError && e.code === 'version-conflict' && e.currentVersion === 2,
    );
    expect((await hospitalById(db, 'h-stale'))?.name).toBe('第一次修改');
    expect((await auditRecordsOfHospital(db, 'h-stale')).items.map((r) => r.action)).toEqual([
      'update',
      'create',
    ]);
  });

  it('lets exactly one of many concurrent updates of one version win', async () => {
    await saveHospital(db, hospital('h-race'), { kind: 'create' }, audit('h-race', 'create'));
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        saveHospital(
          db,
          { ...hospital('h-race', 2), name: `并发 ${i}` },
          { kind: 'update', expectedVersion: 1 },
          audit('h-race', `update ${i}`),
        ),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    expect(
      attempts
        .filter((a) => a.status === 'rejected')
        .every((a) => (a.reason as StoreError).code === 'version-conflict'),
    ).toBe(true);
    expect((await auditRecordsOfHospital(db, 'h-race')).items).toHaveLength(2);
  });

  it('pages the vendor’s hospital list with opaque cursors that cannot be pointed elsewhere', async () => {
    for (const id of ['p-a', 'p-b', 'p-c'])
      await saveHospital(db, hospital(id), { kind: 'create' }, audit(id, 'create'));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await allHospitals(db, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((h) => h.id));
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining(['p-a', 'p-b', 'p-c']));
    expect(new Set(seen).size).toBe(seen.length);
    const forged = Buffer.from(
      JSON.stringify({ pk: 'H#p-a', sk: 'HOSPITAL', gsi1pk: 'OTHER', gsi1sk: 'x' }),
    ).toString('base64url');
    await expect(allHospitals(db, { cursor: forged })).rejects.toMatchObject({
      code: 'bad-cursor',
    });
  });
});
