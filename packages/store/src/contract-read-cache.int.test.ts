import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { contractFromTemplate, seedCpoeTemplate } from '@weibao/domain';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestTable } from '../../../test/support/table.ts';
import type { AuditRecord } from './audit.ts';
import { makeDb, meterDynamoDbRequests, type Db, type MeteredRequest } from './client.ts';
import {
  contractForReading,
  contractReadCacheMs,
  saveContract,
  type ContractRecord,
} from './contracts.ts';
import { keys } from './keys.ts';

let db: Db;
beforeAll(async () => {
  const t = await createTestTable('contract-cache');
  db = makeDb(t.tableName, t.client);
});
afterEach(() => meterDynamoDbRequests(undefined));

const at = '2026-11-25T08:00:00.000Z';
const terms = contractFromTemplate(seedCpoeTemplate, {
  totalFen: 18_800_000,
  signedOn: '2026-01-05',
});
let n = 0;
function audit(hospitalId: string, id: string): AuditRecord {
  n += 1;
  return {
    id: `01KAW${String(n).padStart(21, '0')}`,
    hospitalId,
    at,
    actor: { sub: 'test', email: null, role: 'vendor-admin' },
    action: 'contract.update',
    entity: { type: 'contract', id },
    before: null,
    after: null,
  };
}
const contract = (id: string, version: number, totalFen: number): ContractRecord => ({
  id,
  hospitalId: 'whzx',
  terms: { ...terms, totalFen },
  version,
  createdAt: at,
  updatedAt: at,
  deletedAt: null,
});

describe('the contract read cache of ticket reads', () => {
  it('reads the table once for concurrent and repeated reads of one contract', async () => {
    await saveContract(db, contract('C-ONCE', 1, 100), { kind: 'create' }, audit('whzx', 'C-ONCE'));
    const sent: MeteredRequest[] = [];
    meterDynamoDbRequests((r) => sent.push(r));
    const reads = await Promise.all(
      Array.from({ length: 5 }, () => contractForReading(db, 'whzx', 'C-ONCE')),
    );
    await contractForReading(db, 'whzx', 'C-ONCE');
    expect(reads.map((c) => c?.terms.totalFen)).toEqual([100, 100, 100, 100, 100]);
    expect(sent.map((r) => r.command)).toEqual(['GetItem']);
  });

  it('shows a change saved in this process at once, even one saved while a read was under way', async () => {
    await saveContract(db, contract('C-SAVE', 1, 100), { kind: 'create' }, audit('whzx', 'C-SAVE'));
    expect((await contractForReading(db, 'whzx', 'C-SAVE'))?.version).toBe(1);
    const during = contractForReading(db, 'whzx', 'C-SAVE');
    await saveContract(
      db,
      contract('C-SAVE', 2, 200),
      { kind: 'update', expectedVersion: 1 },
      audit('whzx', 'C-SAVE'),
    );
    await during;
    const after = await contractForReading(db, 'whzx', 'C-SAVE');
    expect(after).toMatchObject({ version: 2, terms: { totalFen: 200 } });
  });

  it('keeps what another process wrote out of a read for at most its time, and keys by hospital', async () => {
    await saveContract(db, contract('C-AWAY', 1, 100), { kind: 'create' }, audit('whzx', 'C-AWAY'));
    expect((await contractForReading(db, 'whzx', 'C-AWAY'))?.version).toBe(1);
    // Another Lambda's save: straight to the table, this process's cache does not hear of it.
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...keys.contract('whzx', 'C-AWAY'), ...contract('C-AWAY', 2, 200) },
      }),
    );
    expect((await contractForReading(db, 'whzx', 'C-AWAY'))?.version).toBe(1);
    const later = Date.now() + contractReadCacheMs + 1;
    vi.spyOn(Date, 'now').mockReturnValue(later);
    try {
      expect((await contractForReading(db, 'whzx', 'C-AWAY'))?.version).toBe(2);
    } finally {
      vi.restoreAllMocks();
    }
    // The same id under another hospital is another contract: never served from whzx's entry.
    expect(await contractForReading(db, 'jcey', 'C-AWAY')).toBeUndefined();
  });
});
