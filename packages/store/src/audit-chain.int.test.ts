import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { contractFromTemplate, seedCpoeTemplate } from '@weibao/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTable } from '../../../test/support/table.ts';
import { auditRecordsOfHospital, type AuditRecord } from './audit.ts';
import { readAuditHead, verifyAuditChain } from './audit-chain.ts';
import { makeDb, type Db } from './client.ts';
import { contractById, saveContract, type ContractRecord } from './contracts.ts';
import { saveHospital, type HospitalRecord } from './hospitals.ts';
import { keys } from './keys.ts';

let db: Db;
beforeAll(async () => {
  const t = await createTestTable('audit-chain');
  db = makeDb(t.tableName, t.client);
});

const at = '2026-11-25T08:00:00.000Z';
const terms = contractFromTemplate(seedCpoeTemplate, { signedOn: '2026-01-05' });
let n = 0;
function audit(hospitalId: string, action: string, entityId = hospitalId): AuditRecord {
  n += 1;
  return {
    id: `01KAW${String(n).padStart(21, '0')}`,
    hospitalId,
    at,
    actor: { sub: 'test', email: null, role: 'vendor-admin' },
    action,
    entity: { type: action.split('.')[0] ?? 'x', id: entityId },
    before: null,
    after: { n, note: undefined, list: [1, 'two', { b: 2, a: 1 }] },
  };
}
function hospital(id: string): HospitalRecord {
  return {
    id,
    name: `医院 ${id}`,
    code: 'TEST',
    campuses: [],
    intakeLocalPart: id,
    version: 1,
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
  };
}
function contract(hospitalId: string, i: number, version = 1): ContractRecord {
  return {
    id: `01KAWC${String(i).padStart(20, '0')}`,
    hospitalId,
    terms,
    version,
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
  };
}

async function hospitalWithContracts(id: string, count: number): Promise<void> {
  await saveHospital(db, hospital(id), { kind: 'create' }, audit(id, 'hospital.create'));
  for (let i = 0; i < count; i++)
    await saveContract(
      db,
      contract(id, i),
      { kind: 'create' },
      audit(id, 'contract.create', contract(id, i).id),
    );
}

describe('the audit hash chain', () => {
  it('links every record to the one before, in sequence order, and the head to the last', async () => {
    // Prepare
    await hospitalWithContracts('chain-a', 3);
    // Act
    const verdict = await verifyAuditChain(db, 'chain-a');
    const log = await auditRecordsOfHospital(db, 'chain-a');
    // Assess
    expect(verdict).toMatchObject({ ok: true, count: 4, head: { seq: 4 } });
    expect(log.items.map((r) => r.seq)).toEqual([4, 3, 2, 1]);
    expect(log.items[3]?.prevHash).toBe('0'.repeat(64));
    expect(log.items[0]?.prevHash).toBe(log.items[1]?.hash);
  });

  it('keeps one unbroken chain when 20 changes of one hospital race, and 20 of 20 hospitals', async () => {
    // Prepare: 20 contracts in one hospital, and 20 hospitals with one contract each
    await hospitalWithContracts('race-same', 20);
    const others = Array.from({ length: 20 }, (_, i) => `race-${i}`);
    for (const id of others) await hospitalWithContracts(id, 1);

    // Act
    const update = (hospitalId: string, i: number) =>
      saveContract(
        db,
        contract(hospitalId, i, 2),
        { kind: 'update', expectedVersion: 1 },
        audit(hospitalId, 'contract.update', contract(hospitalId, i).id),
      );
    const same = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => update('race-same', i)),
    );
    const spread = await Promise.allSettled(others.map((id) => update(id, 0)));

    // Assess
    expect(same.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(spread.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await verifyAuditChain(db, 'race-same')).toMatchObject({ ok: true, count: 41 });
    for (const id of others)
      expect(await verifyAuditChain(db, id)).toMatchObject({ ok: true, count: 3 });
  });

  it('still answers a stale version as a version conflict, leaving the chain as it was', async () => {
    // Prepare
    await hospitalWithContracts('stale', 1);
    const c = contract('stale', 0);
    await saveContract(
      db,
      { ...c, version: 2 },
      { kind: 'update', expectedVersion: 1 },
      audit('stale', 'contract.update', c.id),
    );
    const head = await readAuditHead(db, 'stale');
    // Act
    const stale = saveContract(
      db,
      { ...c, version: 2 },
      { kind: 'update', expectedVersion: 1 },
      audit('stale', 'contract.update', c.id),
    );
    // Assess
    await expect(stale).rejects.toMatchObject({ code: 'version-conflict', currentVersion: 2 });
    expect(await readAuditHead(db, 'stale')).toEqual(head);
    expect((await contractById(db, 'stale', c.id))?.version).toBe(2);
  });

  it('finds a record changed by hand, and one deleted by hand, at their sequence numbers', async () => {
    // Prepare
    await hospitalWithContracts('tamper', 4);
    const table = { TableName: db.tableName };
    // Act: change record 2 as someone with table access would
    await db.doc.send(
      new UpdateCommand({
        ...table,
        Key: keys.audit('tamper', 2),
        UpdateExpression: 'SET #a = :a',
        ExpressionAttributeNames: { '#a': 'action' },
        ExpressionAttributeValues: { ':a': 'contract.nothing-happened' },
      }),
    );
    const edited = await verifyAuditChain(db, 'tamper');
    // Act: delete record 4 and the newest record 5
    await db.doc.send(new DeleteCommand({ ...table, Key: keys.audit('tamper', 4) }));
    await db.doc.send(
      new UpdateCommand({
        ...table,
        Key: keys.audit('tamper', 2),
        UpdateExpression: 'SET #a = :a',
        ExpressionAttributeNames: { '#a': 'action' },
        ExpressionAttributeValues: { ':a': 'contract.create' },
      }),
    );
    const deleted = await verifyAuditChain(db, 'tamper');
    await db.doc.send(new DeleteCommand({ ...table, Key: keys.audit('tamper', 5) }));
    await db.doc.send(new DeleteCommand({ ...table, Key: keys.audit('tamper', 3) }));
    // Assess
    expect(edited).toMatchObject({ ok: false, seq: 2, problem: 'hash-mismatch', count: 1 });
    expect(deleted).toMatchObject({ ok: false, seq: 4, problem: 'gap', count: 3 });
    expect(await verifyAuditChain(db, 'tamper')).toMatchObject({
      ok: false,
      seq: 3,
      problem: 'gap',
    });
  });

  it('finds the newest records deleted through the head', async () => {
    // Prepare
    await hospitalWithContracts('tail', 2);
    // Act
    await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: keys.audit('tail', 3) }));
    // Assess
    expect(await verifyAuditChain(db, 'tail')).toMatchObject({
      ok: false,
      seq: 3,
      problem: 'gap',
      count: 2,
    });
  });
});
