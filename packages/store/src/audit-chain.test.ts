import fc from 'fast-check';
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

  it('covers every stored attribute, keys and item type included, but not the hash itself', () => {
    const { item } = chainAuditRecord(record, 'HOSPITAL', { seq: 0, hash: genesisHash });
    expect(auditHash(item)).toBe(item.hash);
    expect(auditHash({ ...item, hash: 'x' })).toBe(item.hash);
    for (const edit of [
      { gsi3pk: 'H#whzx#AUDIT#hospital#other' },
      { gsi2sk: '2026-11-25T09:00:00.000Z#x' },
      { sk: 'LANE#HOSPITAL#000000000002' },
      { pk: 'H#jcey#AUDIT' },
      { itemType: 'X' },
      { at: '2026-11-25T08:00:01.000Z' },
      { seq: 2 },
      { lane: 'TICKET#1' },
    ])
      expect(auditHash({ ...item, ...edit }), JSON.stringify(edit)).not.toBe(item.hash);
  });

  it('hashes what DynamoDB gives back: attribute order and left-out undefined members do not count', () => {
    // Arbitrary JSON-like record contents, as DynamoDB returns them (attributes in any order)
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (before, after) => {
        const { item } = chainAuditRecord({ ...record, before, after }, 'HOSPITAL', {
          seq: 0,
          hash: genesisHash,
        });
        const readBack = JSON.parse(JSON.stringify(item)) as Record<string, unknown>;
        const shuffled = Object.fromEntries(Object.entries(readBack).reverse());
        return auditHash(shuffled) === item.hash;
      }),
    );
  });

  it('chains the next record of a lane onto its head: seq + 1 and the head’s hash as prevHash', () => {
    const first = chainAuditRecord(record, 'HOSPITAL', { seq: 0, hash: genesisHash });
    const second = chainAuditRecord(record, 'HOSPITAL', first.head);
    expect(first.item).toMatchObject({
      lane: 'HOSPITAL',
      seq: 1,
      prevHash: genesisHash,
      pk: 'H#whzx#AUDIT',
      sk: 'LANE#HOSPITAL#000000000001',
      gsi2pk: 'H#whzx#AUDIT',
      gsi2sk: `${record.at}#${record.id}`,
      gsi3pk: 'H#whzx#AUDIT#hospital#whzx',
    });
    expect(second.item).toMatchObject({ seq: 2, prevHash: first.item.hash });
    expect(second.head).toEqual({ seq: 2, hash: second.item.hash });
    expect('note' in (second.item.after as object)).toBe(false);
  });

  it('keeps the lanes of two items apart: the same change in another lane is another record', () => {
    const a = chainAuditRecord(record, 'TICKET#A', { seq: 0, hash: genesisHash });
    const b = chainAuditRecord(record, 'TICKET#B', { seq: 0, hash: genesisHash });
    expect(a.item.sk).toBe('LANE#TICKET#A#000000000001');
    expect(b.item.sk).toBe('LANE#TICKET#B#000000000001');
    expect(a.head.hash).not.toBe(b.head.hash);
  });
});
