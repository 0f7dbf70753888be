import type { InspectionRecord } from '@weibao/store';
import { describe, expect, it } from 'vitest';
import { inspectionSha256 } from './inspection-content.ts';

const at = '2026-03-20T01:00:00.000Z';
const visit: InspectionRecord = {
  id: '01KAW00000000000000000VST1',
  hospitalId: 'whzx',
  contractId: '01KAW00000000000000000WHZX',
  obligationId: 'inspection-1',
  quarter: 1,
  engineer: { sub: 'e1', email: 'engineer@vendor.example', role: 'support-engineer', name: '李强' },
  arrivedAt: at,
  leftAt: '2026-03-20T03:00:00.000Z',
  place: '信息中心机房',
  items: [{ area: 'host', item: '磁盘空间使用率', result: 'abnormal', remark: '91%' }],
  findings: [{ id: 'f1', text: '需清理日志', severity: 'minor', photoKeys: [], ticketId: null }],
  nextFindingNo: 2,
  photos: [],
  state: 'awaiting-signatures',
  contentSha256: null,
  submittedAt: at,
  signatures: [],
  version: 3,
  createdAt: at,
  updatedAt: at,
};

describe('the content a 巡检单 signature covers', () => {
  it('changes with anything recorded of the visit: a result, a remark, a finding', () => {
    const base = inspectionSha256(visit);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    const item = visit.items[0] as InspectionRecord['items'][number];
    expect(inspectionSha256({ ...visit, items: [{ ...item, result: 'normal' }] })).not.toBe(base);
    expect(inspectionSha256({ ...visit, items: [{ ...item, remark: '90%' }] })).not.toBe(base);
    expect(inspectionSha256({ ...visit, findings: [] })).not.toBe(base);
    expect(inspectionSha256({ ...visit, leftAt: '2026-03-20T04:00:00.000Z' })).not.toBe(base);
  });

  it('stays the same when a signature, the state, the version or a finding’s ticket is added', () => {
    const base = inspectionSha256(visit);
    const finding = visit.findings[0] as InspectionRecord['findings'][number];
    expect(
      inspectionSha256({
        ...visit,
        state: 'signed',
        version: 9,
        updatedAt: '2026-03-21T00:00:00.000Z',
        contentSha256: base,
        findings: [{ ...finding, ticketId: '01KAW00000000000000000TKT1' }],
        signatures: [
          {
            signer: 'department',
            name: '陈静',
            signedAt: at,
            contentSha256: base,
            via: 'link',
            email: null,
            witness: null,
          },
        ],
      }),
    ).toBe(base);
  });
});
