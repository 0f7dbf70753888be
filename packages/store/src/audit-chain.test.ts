import { describe, expect, it } from 'vitest';
import type { AuditRecord } from './audit.ts';
import { auditHash, canonicalJson, chainAuditRecord, genesisHash } from './audit-chain.ts';

const record: AuditRecord = {
  id: '01KAW00000000000000000AUD1',
  hospitalId: 'whzx',
  at: '2026-11-25T08:00:00.000Z',
  actor: { sub: 'u1', email: null, role: 'vendor-admin' },
  action: 'hospital.update',
  entity: { type: 'hospital', id: 'whzx' },
  before: { name: '武汉市中心医院', campuses: ['南京路院区'] },
  after: { name: '武汉市中心医院', campuses: ['南京路院区', '后湖院区'], note: undefined },
};

describe('canonical JSON of an audit record', () => {
  it('sorts keys at every depth, keeps array order and leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: undefined }, 2], e: null })).toBe(
      '{"a":[{"d":"x"},2],"b":1,"e":null}',
    );
  });

  it('gives the same hash whatever order the attributes come back in', () => {
    // Prepare
    const content = { ...record, seq: 1, prevHash: genesisHash };
    const reversed = Object.fromEntries(Object.entries(content).reverse());
    // Act, Assess
    expect(auditHash(reversed)).toBe(auditHash(content));
    expect(auditHash(content)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores the key attributes, the item type and the hash itself, nothing else', () => {
    const { item } = chainAuditRecord(record, { seq: 0, hash: genesisHash });
    expect(auditHash(item)).toBe(item.hash);
    expect(auditHash({ ...item, pk: 'elsewhere', itemType: 'X' })).toBe(item.hash);
    expect(auditHash({ ...item, at: '2026-11-25T08:00:01.000Z' })).not.toBe(item.hash);
    expect(auditHash({ ...item, seq: 2 })).not.toBe(item.hash);
  });

  it('chains the next record onto the head: seq + 1 and the head’s hash as prevHash', () => {
    const first = chainAuditRecord(record, { seq: 0, hash: genesisHash });
    const second = chainAuditRecord(record, { seq: 1, hash: String(first.item.hash) });
    expect(first.item).toMatchObject({ seq: 1, prevHash: genesisHash, sk: '000000000001' });
    expect(second.item).toMatchObject({ seq: 2, prevHash: first.item.hash, sk: '000000000002' });
    expect(second.head).toMatchObject({ sk: 'AUDIT_HEAD', seq: 2, hash: second.item.hash });
    expect('note' in (second.item.after as object)).toBe(false);
  });
});
