import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { contractFromTemplate, seedCpoeTemplate } from '@weibao/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTable } from '../../../test/support/table.ts';
import { auditRecordsOfHospital, type AuditRecord } from './audit.ts';
import { auditHash, verifyAuditChain, writeAuditCheckpoint } from './audit-chain.ts';
import { makeDb, type Db } from './client.ts';
import { contractById, saveContract, type ContractRecord } from './contracts.ts';
import { saveHospital, type HospitalRecord } from './hospitals.ts';
import { keys } from './keys.ts';
import { chainRetry } from './versioned-write.ts';

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

describe('the audit lanes', () => {
  const table = () => ({ TableName: db.tableName });
  const contractLane = (hospitalId: string, i: number) =>
    keys.contract(hospitalId, contract(hospitalId, i).id).sk;
  const record = async (hospitalId: string, lane: string, seq: number) =>
    (await db.doc.send(new GetCommand({ ...table(), Key: keys.audit(hospitalId, lane, seq) })))
      .Item as Record<string, unknown>;
  const updateContract = (hospitalId: string, i: number, version: number) =>
    saveContract(
      db,
      contract(hospitalId, i, version + 1),
      { kind: 'update', expectedVersion: version },
      audit(hospitalId, 'contract.update', contract(hospitalId, i).id),
    );
  /** A checkpoint whose cutoff lies after every record of these tests (their `at` is fixed). */
  const checkpoint = (hospitalId: string) => writeAuditCheckpoint(db, hospitalId, new Date());

  it('chains each item’s records in its own lane, the item naming its newest one, and lists them all by time', async () => {
    // Prepare
    await hospitalWithContracts('chain-a', 3);
    await updateContract('chain-a', 0, 1);
    // Act
    const verdict = await verifyAuditChain(db, 'chain-a');
    const log = await auditRecordsOfHospital(db, 'chain-a');
    const item = await db.doc.send(
      new GetCommand({ ...table(), Key: keys.contract('chain-a', contract('chain-a', 0).id) }),
    );
    const second = await record('chain-a', contractLane('chain-a', 0), 2);
    // Assess
    expect(verdict).toMatchObject({ ok: true, count: 5, lanes: 4 });
    expect(log.items).toHaveLength(5);
    expect(log.items[0]).toMatchObject({ action: 'contract.update', seq: 2 });
    expect(second.prevHash).toBe((await record('chain-a', contractLane('chain-a', 0), 1)).hash);
    expect(item.Item).toMatchObject({ auditSeq: 2, auditHash: second.hash });
    expect(await contractById(db, 'chain-a', contract('chain-a', 0).id)).not.toHaveProperty(
      'auditSeq',
    );
  });

  it('commits 30 concurrent changes of different contracts of one hospital on the first try', async () => {
    // Prepare: 30 contracts in one hospital; no retry allowed, and every transaction counted
    await hospitalWithContracts('burst', 30);
    const attempts = chainRetry.attempts;
    chainRetry.attempts = 1;
    let transactions = 0;
    const send = db.doc.send.bind(db.doc);
    const counting = Object.assign(Object.create(db.doc) as typeof db.doc, {
      send: ((command: { constructor: { name: string } }) => {
        if (command.constructor.name === 'TransactWriteCommand') transactions += 1;
        return send(command as never);
      }) as typeof db.doc.send,
    });
    const burstDb = { ...db, doc: counting };
    try {
      // Act
      const results = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) =>
          saveContract(
            burstDb,
            contract('burst', i, 2),
            { kind: 'update', expectedVersion: 1 },
            audit('burst', 'contract.update', contract('burst', i).id),
          ),
        ),
      );
      // Assess
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(transactions).toBe(30);
      expect(await verifyAuditChain(db, 'burst')).toMatchObject({ ok: true, count: 61 });
    } finally {
      chainRetry.attempts = attempts;
    }
  });

  it('still answers a stale version as a version conflict, leaving the lane as it was', async () => {
    // Prepare
    await hospitalWithContracts('stale', 1);
    const c = contract('stale', 0);
    await updateContract('stale', 0, 1);
    // Act
    const stale = updateContract('stale', 0, 1);
    // Assess
    await expect(stale).rejects.toMatchObject({ code: 'version-conflict', currentVersion: 2 });
    expect(await record('stale', contractLane('stale', 0), 3)).toBeUndefined();
    expect((await contractById(db, 'stale', c.id))?.version).toBe(2);
    expect(await verifyAuditChain(db, 'stale')).toMatchObject({ ok: true, count: 3 });
  });

  describe('finds what someone with table access changed by hand', () => {
    /** A hospital with 2 contracts, the first changed 3 times: its lane has records 1–4. */
    async function prepared(id: string): Promise<string> {
      await hospitalWithContracts(id, 2);
      for (const v of [1, 2, 3]) await updateContract(id, 0, v);
      expect(await verifyAuditChain(db, id)).toMatchObject({ ok: true, count: 6 });
      return contractLane(id, 0);
    }
    const set = (hospitalId: string, lane: string, seq: number, name: string, value: unknown) =>
      db.doc.send(
        new UpdateCommand({
          ...table(),
          Key: keys.audit(hospitalId, lane, seq),
          UpdateExpression: 'SET #a = :a',
          ExpressionAttributeNames: { '#a': name },
          ExpressionAttributeValues: { ':a': value },
        }),
      );
    const remove = (hospitalId: string, lane: string, seq: number) =>
      db.doc.send(new DeleteCommand({ ...table(), Key: keys.audit(hospitalId, lane, seq) }));

    it('an edited record', async () => {
      const lane = await prepared('t-edit');
      await set('t-edit', lane, 2, 'action', 'contract.nothing-happened');
      expect(await verifyAuditChain(db, 't-edit')).toMatchObject({
        ok: false,
        lane,
        seq: 2,
        problem: 'hash-mismatch',
      });
    });

    it('an edited key attribute (gsi3pk: the record moved to another entity’s history)', async () => {
      const lane = await prepared('t-gsi3');
      await set('t-gsi3', lane, 2, 'gsi3pk', 'H#t-gsi3#AUDIT#contract#someone-else');
      expect(await verifyAuditChain(db, 't-gsi3')).toMatchObject({
        ok: false,
        lane,
        seq: 2,
        problem: 'hash-mismatch',
      });
    });

    it('a key attribute edited with its hash recomputed', async () => {
      const lane = await prepared('t-gsi3-rehash');
      const r = await record('t-gsi3-rehash', lane, 4);
      const moved = { ...r, gsi3pk: 'H#t-gsi3-rehash#AUDIT#contract#someone-else' };
      await db.doc.send(new PutCommand({ ...table(), Item: { ...moved, hash: auditHash(moved) } }));
      await db.doc.send(
        new UpdateCommand({
          ...table(),
          Key: keys.contract('t-gsi3-rehash', contract('t-gsi3-rehash', 0).id),
          UpdateExpression: 'SET auditHash = :h',
          ExpressionAttributeValues: { ':h': auditHash(moved) },
        }),
      );
      expect(await verifyAuditChain(db, 't-gsi3-rehash')).toMatchObject({
        ok: false,
        lane,
        seq: 4,
        problem: 'key-mismatch',
      });
    });

    it('a deleted record in the middle', async () => {
      const lane = await prepared('t-middle');
      await remove('t-middle', lane, 2);
      expect(await verifyAuditChain(db, 't-middle')).toMatchObject({
        ok: false,
        lane,
        seq: 2,
        problem: 'gap',
      });
    });

    it('the newest record deleted', async () => {
      const lane = await prepared('t-newest');
      await remove('t-newest', lane, 4);
      expect(await verifyAuditChain(db, 't-newest')).toMatchObject({
        ok: false,
        lane,
        seq: 4,
        problem: 'gap',
      });
    });

    it('the newest record deleted and its item rolled back to the record before: by the checkpoint', async () => {
      // Prepare: a checkpoint taken after record 4
      const lane = await prepared('t-rollback');
      expect(await checkpoint('t-rollback')).toMatchObject({ ok: true });
      const third = await record('t-rollback', lane, 3);
      // Act: delete record 4 and make the contract name record 3 again (data and head)
      await remove('t-rollback', lane, 4);
      await db.doc.send(
        new UpdateCommand({
          ...table(),
          Key: keys.contract('t-rollback', contract('t-rollback', 0).id),
          UpdateExpression: 'SET auditSeq = :s, auditHash = :h, version = :v',
          ExpressionAttributeValues: { ':s': 3, ':h': third.hash, ':v': 3 },
        }),
      );
      // Assess
      expect(await verifyAuditChain(db, 't-rollback')).toMatchObject({
        ok: false,
        problem: 'checkpoint-mismatch',
      });
    });

    it('a record deleted with its whole lane', async () => {
      const lane = contractLane('t-lane', 1);
      await prepared('t-lane');
      await remove('t-lane', lane, 1);
      expect(await verifyAuditChain(db, 't-lane')).toMatchObject({
        ok: false,
        lane,
        problem: 'gap',
      });
    });

    it('two records swapped (reordered)', async () => {
      const lane = await prepared('t-swap');
      const [two, three] = [await record('t-swap', lane, 2), await record('t-swap', lane, 3)];
      await db.doc.send(new PutCommand({ ...table(), Item: { ...three, sk: two.sk } }));
      await db.doc.send(new PutCommand({ ...table(), Item: { ...two, sk: three.sk } }));
      expect(await verifyAuditChain(db, 't-swap')).toMatchObject({
        ok: false,
        lane,
        seq: 2,
        problem: 'sequence-key-mismatch',
      });
    });

    it('a record inserted after the newest one', async () => {
      const lane = await prepared('t-insert');
      const newest = await record('t-insert', lane, 4);
      const forged = {
        ...newest,
        ...keys.audit('t-insert', lane, 5),
        seq: 5,
        prevHash: newest.hash,
        action: 'contract.delete',
      };
      await db.doc.send(
        new PutCommand({ ...table(), Item: { ...forged, hash: auditHash(forged) } }),
      );
      expect(await verifyAuditChain(db, 't-insert')).toMatchObject({
        ok: false,
        lane,
        seq: 5,
        problem: 'head-mismatch',
      });
    });

    it('a record inserted in the middle, the lane renumbered after it', async () => {
      // Prepare: a checkpoint, then a forged record 2 with records 2–4 moved to 3–5 and rehashed
      const lane = await prepared('t-insert-mid');
      expect(await checkpoint('t-insert-mid')).toMatchObject({ ok: true });
      const old = await Promise.all([1, 2, 3, 4].map((seq) => record('t-insert-mid', lane, seq)));
      let prev = String(old[0]?.hash);
      const rewritten = [{ ...old[1], action: 'contract.forged' }, ...old.slice(1)].map((r, k) => {
        const seq = k + 2;
        const next = { ...r, ...keys.audit('t-insert-mid', lane, seq), seq, prevHash: prev };
        prev = auditHash(next);
        return { ...next, hash: prev };
      });
      for (const Item of rewritten) await db.doc.send(new PutCommand({ ...table(), Item }));
      await db.doc.send(
        new UpdateCommand({
          ...table(),
          Key: keys.contract('t-insert-mid', contract('t-insert-mid', 0).id),
          UpdateExpression: 'SET auditSeq = :s, auditHash = :h',
          ExpressionAttributeValues: { ':s': 5, ':h': prev },
        }),
      );
      // Assess: every lane is consistent again, only the checkpoint sees it
      expect(await verifyAuditChain(db, 't-insert-mid')).toMatchObject({
        ok: false,
        problem: 'checkpoint-mismatch',
      });
    });
  });

  it('keeps its checkpoints in a chain of their own and refuses to checkpoint a broken log', async () => {
    // Prepare
    await hospitalWithContracts('cp', 1);
    const first = await checkpoint('cp');
    await saveContract(
      db,
      contract('cp', 0, 2),
      { kind: 'update', expectedVersion: 1 },
      // A change after the first checkpoint's cutoff (the other records of these tests are older)
      { ...audit('cp', 'contract.update', contract('cp', 0).id), at: new Date().toISOString() },
    );
    const second = await writeAuditCheckpoint(db, 'cp', new Date(Date.now() + 60_000));
    const stored = await db.doc.send(
      new QueryCommand({
        ...table(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :cp)',
        ExpressionAttributeValues: { ':pk': 'H#cp#AUDIT', ':cp': 'CHECKPOINT#' },
      }),
    );
    // Act: break the log, then try to checkpoint it
    await db.doc.send(
      new DeleteCommand({ ...table(), Key: keys.audit('cp', contractLane('cp', 0), 2) }),
    );
    const refused = await writeAuditCheckpoint(db, 'cp', new Date(Date.now() + 120_000));
    // Assess
    expect(first).toMatchObject({ ok: true, checkpoints: 0 });
    expect(second).toMatchObject({ ok: true, checkpoints: 1 });
    expect(stored.Items?.map((i) => i.records)).toEqual([2, 2]);
    expect(stored.Items?.[1]?.prevHash).toBe(stored.Items?.[0]?.hash);
    expect(refused).toMatchObject({ ok: false, problem: 'gap' });
  });
});
