import { calendarForContract, planObligations } from '@weibao/domain';
import { seedDemoContract } from '@weibao/domain/test-fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTable } from '../../../test/support/table.ts';
import type { AuditRecord } from './audit.ts';
import { makeDb, type Db } from './client.ts';
import { verifyAuditChain } from './audit-chain.ts';
import { StoreError } from './errors.ts';
import {
  allObligationsOfContract,
  createObligations,
  newObligationRecord,
  obligationsOfContract,
  openObligationsDueBy,
  saveObligation,
  updateObligations,
  type ObligationRecord,
} from './obligations.ts';

let db: Db;
beforeAll(async () => {
  const t = await createTestTable('obligations');
  db = makeDb(t.tableName, t.client);
});

const at = '2026-11-25T08:00:00.000Z';
let seq = 0;
const audit = (hospitalId: string): AuditRecord => ({
  id: `01KAW${String(++seq).padStart(21, '0')}`,
  hospitalId,
  at,
  actor: { sub: 'test', email: null, role: 'vendor-admin' },
  action: 'obligation.plan',
  entity: { type: 'contract-obligations', id: 'c' },
  before: null,
  after: null,
});
const contractId = '01KAW00000000000000000WHZX';
function planned(hospitalId: string): ObligationRecord[] {
  const terms = seedDemoContract();
  return planObligations(terms, calendarForContract(terms)).map((p) =>
    newObligationRecord(p, { hospitalId, contractId }, at),
  );
}

describe('stored obligations', () => {
  it('writes a contract’s 40 obligations in one transaction, lists them by due date and across hospitals while open', async () => {
    // Act
    await createObligations(db, planned('oa'), audit('oa'));
    // Assess
    const page = await obligationsOfContract(db, 'oa', contractId, { limit: 100 });
    expect(page.items).toHaveLength(40);
    const days = page.items.map((o) => o.dueOn ?? o.nominalDueOn);
    expect(days).toEqual([...days].sort());
    const open = await openObligationsDueBy(db, '2026-04-30', { limit: 100 });
    expect(open.items.filter((o) => o.hospitalId === 'oa').map((o) => o.id)).toContain(
      'inspection-1',
    );
    expect(open.items.every((o) => (o.dueOn ?? o.nominalDueOn) <= '2026-04-30')).toBe(true);
  });

  it('refuses a batch update when one obligation changed since it was read, and writes none of it', async () => {
    // Prepare
    const list = planned('ob');
    await createObligations(db, list, audit('ob'));
    const [a, b] = list as [ObligationRecord, ObligationRecord];
    // Act: b is claimed at version 2 although 1 is stored.
    const attempt = updateObligations(
      db,
      [
        { after: { ...a, doneOn: '2026-02-01', version: 2 }, expectedVersion: 1 },
        { after: { ...b, doneOn: '2026-02-01', version: 3 }, expectedVersion: 2 },
      ],
      audit('ob'),
    );
    // Assess
    await expect(attempt).rejects.toMatchObject({ code: 'version-conflict' });
    await expect(attempt).rejects.toBeInstanceOf(StoreError);
    const stored = await allObligationsOfContract(db, 'ob', contractId);
    expect(stored.every((o) => o.version === 1 && o.doneOn === null)).toBe(true);
    // A done obligation leaves the vendor-wide open list.
    await updateObligations(
      db,
      [{ after: { ...a, doneOn: '2026-02-01', version: 2 }, expectedVersion: 1 }],
      audit('ob'),
    );
    const open = await openObligationsDueBy(db, '2027-12-31', { limit: 100 });
    expect(open.items.some((o) => o.hospitalId === 'ob' && o.id === a.id)).toBe(false);
  });

  it('keeps the audit lane of an obligation replaced as a companion of another one’s re-planning', async () => {
    // Prepare: the plan, then a change of the second obligation on its own (its lane: record 1)
    const [a, b] = planned('olane');
    if (!a || !b) throw new Error('the demo contract plans obligations');
    await createObligations(db, [a, b], audit('olane'));
    await saveObligation(
      db,
      { ...b, note: '改期', version: 2 } as ObligationRecord,
      { kind: 'update', expectedVersion: 1 },
      audit('olane'),
    );
    // Act: both re-planned in one transaction, the second one as a companion
    await updateObligations(
      db,
      [
        { after: { ...a, version: 2 }, expectedVersion: 1 },
        { after: { ...b, version: 3 }, expectedVersion: 2 },
      ],
      audit('olane'),
    );
    // Assess: the second one still names its lane's record 1, so the log is intact
    expect(await verifyAuditChain(db, 'olane')).toMatchObject({ ok: true, count: 3, lanes: 2 });
  });
});
