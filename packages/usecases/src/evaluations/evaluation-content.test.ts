import type { EvaluationRecord } from '@weibao/store';
import { describe, expect, it } from 'vitest';
import { contentSha256 } from './evaluation-content.ts';

const part = (passed: number) => ({
  spotChecks: { sampled: 10, passed },
  adverseEvents: 0,
  note: null,
  enteredAt: '2026-07-06T01:00:00.000Z',
  enteredBy: { sub: 'u', email: 'dept@whch.example', role: 'hospital-dept' },
  via: 'link' as const,
});
const evaluation: EvaluationRecord = {
  id: 'q2',
  hospitalId: 'whzx',
  contractId: 'C',
  period: { kind: 'quarter', index: 2, startsOn: '2026-04-05', endsOn: '2026-07-04' },
  figures: {
    period: { index: 2, startsOn: '2026-04-05', endsOn: '2026-07-04' },
    lateResponses: 2,
    lateResponseDeductionFen: 376_000,
    vendorFaultsWithoutNotice: { fatal: 1, serious: 0, minor: 0 },
    vendorFaultDeductionFen: 117_500,
    totalDeductionFen: 493_500,
    entryIds: ['a', 'b', 'c'],
  },
  tickets: {
    lateResponses: ['T1', 'T2'],
    vendorFaultsWithoutNotice: { fatal: ['T2'], serious: [], minor: [] },
  },
  serviceLevel: part(10),
  serviceQuality: part(9),
  rating: null,
  signatures: [],
  disputes: [],
  status: 'rated',
  version: 3,
  createdAt: '2026-07-05T00:00:00.000Z',
  updatedAt: '2026-07-06T01:00:00.000Z',
};

describe('the hash a signature records (SHA-256 of the canonical JSON of what was signed)', () => {
  it('stays the same when a signature is added, so both signers sign the same content', () => {
    // Act
    const signed = {
      ...evaluation,
      version: 4,
      status: 'rated' as const,
      signatures: [
        {
          role: 'supervisor' as const,
          sub: 's',
          email: null,
          signedAt: '2026-07-07T00:00:00.000Z',
          version: 3,
          contentSha256: contentSha256(evaluation),
        },
      ],
    };
    // Assess
    expect(contentSha256(signed)).toBe(contentSha256(evaluation));
    expect(contentSha256(evaluation)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any count of the report', () => {
    expect(contentSha256({ ...evaluation, serviceQuality: part(8) })).not.toBe(
      contentSha256(evaluation),
    );
    expect(
      contentSha256({ ...evaluation, figures: { ...evaluation.figures, lateResponses: 1 } }),
    ).not.toBe(contentSha256(evaluation));
  });
});
