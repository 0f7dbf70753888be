import { describe, expect, it } from 'vitest';
import {
  breachesByHospital,
  complianceByHospitalQuarter,
  deductionsByHospital,
  deductionsByHospitalQuarter,
} from './aggregate.ts';

const fault = (hospitalId: string, reportedAt: string, slaMarks: string[] = []) => ({
  hospitalId,
  kind: 'fault',
  reportedAt,
  slaMarks,
});

describe('the vendor overview’s figures', () => {
  it('counts SLA compliance per hospital and Shanghai quarter from fault reports only, rounding down', () => {
    const tickets = [
      fault('whzx', '2026-01-10T02:00:00.000Z'),
      fault('whzx', '2026-02-10T02:00:00.000Z', ['response:at-risk', 'response:breach']),
      fault('whzx', '2026-03-10T02:00:00.000Z', ['response:at-risk']),
      // 1 April 01:00 in Shanghai: the second quarter.
      fault('whzx', '2026-03-31T17:00:00.000Z', ['resolution:breach']),
      { ...fault('whzx', '2026-02-01T00:00:00.000Z', ['response:breach']), kind: 'consultation' },
      fault('jcey', '2026-01-02T00:00:00.000Z'),
      fault('jcey', '2025-01-02T00:00:00.000Z', ['response:breach']),
    ];
    expect(complianceByHospitalQuarter(tickets, '2025-06-01')).toEqual([
      { hospitalId: 'jcey', quarter: '2026Q1', faults: 1, breached: 0, compliantBp: 10_000 },
      { hospitalId: 'whzx', quarter: '2026Q1', faults: 3, breached: 1, compliantBp: 6666 },
      { hospitalId: 'whzx', quarter: '2026Q2', faults: 1, breached: 1, compliantBp: 0 },
    ]);
    expect(breachesByHospital(tickets, '2026-03-01')).toEqual(new Map([['whzx', 1]]));
  });

  it('sums standing deductions per hospital across its contracts, and per contract quarter', () => {
    const rows = [
      {
        hospitalId: 'whzx',
        contractId: 'a',
        quarter: 1,
        entries: 2,
        amountFen: 188_000,
        disputedFen: 188_000,
      },
      {
        hospitalId: 'whzx',
        contractId: 'b',
        quarter: 1,
        entries: 1,
        amountFen: 50_000,
        disputedFen: 0,
      },
      {
        hospitalId: 'whzx',
        contractId: 'a',
        quarter: 2,
        entries: 1,
        amountFen: 188_000,
        disputedFen: 0,
      },
      {
        hospitalId: 'jcey',
        contractId: 'c',
        quarter: 2,
        entries: 1,
        amountFen: 7_050,
        disputedFen: 0,
      },
    ];
    expect(deductionsByHospital(rows)).toEqual(
      new Map([
        ['whzx', { amountFen: 426_000, entries: 4 }],
        ['jcey', { amountFen: 7_050, entries: 1 }],
      ]),
    );
    expect([...deductionsByHospitalQuarter(rows)]).toEqual([
      [1, new Map([['whzx', 238_000]])],
      [
        2,
        new Map([
          ['whzx', 188_000],
          ['jcey', 7_050],
        ]),
      ],
    ]);
  });
});
