import { describe, expect, it } from 'vitest';
import { aggregateVendorOverview, calendarQuarters } from './vendor-overview.ts';

let ids = 0;
const fault = (
  hospitalId: string,
  reportedAt: string,
  slaMarks: string[] = [],
  id = `T${++ids}`,
  contractId = 'C1',
) => ({
  hospitalId,
  contractId,
  id,
  kind: 'fault' as const,
  reportedAt,
  slaMarks,
});
const entry = (
  hospitalId: string,
  reportedAt: string,
  amountFen: number,
  upheld?: boolean,
  late: { ticketId: string } | null = null,
) => ({
  hospitalId,
  contractId: 'C1',
  ticketId: late?.ticketId ?? `other-${reportedAt}`,
  trigger: late ? ('late-response' as const) : ('vendor-fault-without-notice' as const),
  reportedAt,
  amountFen,
  disputes:
    upheld === undefined
      ? []
      : [
          {
            id: 'd1',
            raisedAt: reportedAt,
            raisedBy: { sub: 'm', email: null, role: 'service-manager' },
            reason: '时间有误',
            outcome: {
              decidedAt: reportedAt,
              decidedBy: { sub: 'i', email: null, role: 'hospital-it' },
              upheld,
              note: '核实',
            },
          },
        ],
});

describe('the vendor overview’s figures', () => {
  it('names the last four calendar quarters, across a year’s turn', () => {
    expect(calendarQuarters('2027-02-10', 4).map((q) => q.label)).toEqual([
      '2026Q2',
      '2026Q3',
      '2026Q4',
      '2027Q1',
    ]);
    expect(calendarQuarters('2026-11-25', 1)).toEqual([
      { label: '2026Q4', from: '2026-10-01', to: '2026-12-31' },
    ]);
  });

  it('counts SLA compliance and standing deductions per hospital and Shanghai quarter', () => {
    const quarters = calendarQuarters('2026-05-20', 2);
    const overview = aggregateVendorOverview({
      at: '2026-05-20T02:00:00.000Z',
      quarters,
      hospitals: [
        { id: 'whzx', name: '武汉市中心医院' },
        { id: 'jcey', name: '江城第二人民医院' },
      ],
      tickets: [
        fault('whzx', '2026-01-10T02:00:00.000Z'),
        fault('whzx', '2026-02-10T02:00:00.000Z', ['response:at-risk', 'response:breach']),
        fault('whzx', '2026-03-10T02:00:00.000Z', ['response:at-risk']),
        // 1 April 01:00 in Shanghai: the second quarter.
        fault('whzx', '2026-03-31T17:00:00.000Z', ['resolution:breach']),
        { ...fault('whzx', '2026-02-01T00:00:00.000Z', ['response:breach']), kind: 'consultation' },
      ],
      openTickets: [
        { hospitalId: 'whzx', severity: 'fatal' },
        { hospitalId: 'whzx', severity: 'minor' },
        { hospitalId: 'jcey', severity: 'minor' },
      ],
      ledger: [
        entry('whzx', '2026-02-10T02:00:00.000Z', 188_000),
        entry('whzx', '2026-03-31T17:00:00.000Z', 188_000),
        entry('whzx', '2026-04-02T00:00:00.000Z', 188_000, true),
        entry('whzx', '2026-04-03T00:00:00.000Z', 7_050, false),
      ],
    });
    const whzx = overview.hospitals.find((h) => h.hospitalId === 'whzx');
    expect(whzx?.open).toEqual({ fatal: 1, serious: 0, minor: 1 });
    expect(whzx?.quarters).toEqual([
      {
        quarter: '2026Q1',
        faults: 3,
        breached: 1,
        compliantBp: 6666,
        deductionsFen: 188_000,
        deductionEntries: 1,
        withdrawnFen: 0,
      },
      {
        quarter: '2026Q2',
        faults: 1,
        breached: 1,
        compliantBp: 0,
        deductionsFen: 195_050,
        deductionEntries: 3,
        withdrawnFen: 188_000,
      },
    ]);
    expect(overview.hospitals.find((h) => h.hospitalId === 'jcey')?.quarters[1]).toMatchObject({
      faults: 0,
      compliantBp: null,
      deductionsFen: 0,
    });
    // No contract given: no contract quarter, and nothing counted as this quarter's
    expect(whzx?.contractQuarters).toEqual([]);
    expect(overview.currentQuarterFen).toBe(0);
  });

  it('counts this quarter as the contract’s: for a contract from 5 October, 1 to 4 October are in the calendar’s fourth quarter but not in its first quarter', () => {
    // Prepare: the contract starts on 5 October 2026; a fault and a deduction of 4 October (Shanghai)
    // and of 5 October; another hospital's contract that has ended
    const terms = (startsOn: string, endsOn: string) =>
      ({ name: '2026年信息化项目售后维保（CPOE）', term: { startsOn, endsOn } }) as never;
    const input = {
      at: '2026-12-04T02:00:00.000Z',
      quarters: calendarQuarters('2026-12-04', 1),
      hospitals: [
        { id: 'whzx', name: '武汉市中心医院' },
        { id: 'jcey', name: '江城第二人民医院' },
      ],
      contracts: [
        { hospitalId: 'whzx', id: 'C1', terms: terms('2026-10-05', '2027-10-04') },
        { hospitalId: 'jcey', id: 'C1', terms: terms('2025-10-01', '2026-09-30') },
      ],
      tickets: [
        fault('whzx', '2026-10-04T02:00:00.000Z', ['response:breach']),
        fault('whzx', '2026-10-05T02:00:00.000Z'),
        fault('whzx', '2026-12-03T20:00:00.000Z', ['resolution:breach']),
      ],
      openTickets: [],
      ledger: [
        entry('whzx', '2026-10-04T02:00:00.000Z', 188_000),
        entry('whzx', '2026-12-03T20:00:00.000Z', 94_000),
      ],
    };

    // Act
    const overview = aggregateVendorOverview(input);

    // Assess
    const whzx = overview.hospitals.find((h) => h.hospitalId === 'whzx');
    expect(whzx?.contractQuarters).toEqual([
      {
        contractId: 'C1',
        contractName: '2026年信息化项目售后维保（CPOE）',
        index: 1,
        startsOn: '2026-10-05',
        endsOn: '2027-01-04',
        faults: 2,
        breached: 1,
        compliantBp: 5000,
        deductionsFen: 94_000,
        deductionEntries: 1,
        withdrawnFen: 0,
      },
    ]);
    expect(whzx?.quarters[0]).toMatchObject({
      quarter: '2026Q4',
      faults: 3,
      deductionsFen: 282_000,
    });
    expect(overview.hospitals.find((h) => h.hospitalId === 'jcey')?.contractQuarters).toEqual([]);
    expect(overview.currentQuarterFen).toBe(94_000);
  });

  it('counts a serious fault whose late response the ledger books as 超时 and not on time, though no SLA clock breached', () => {
    // Prepare: answered at 61 minutes (2-hour target met, 1% booked); another on time; a third
    // booked but the deduction withdrawn after an upheld dispute.
    const quarters = calendarQuarters('2026-12-04', 1);
    const tickets = [
      fault('whzx', '2026-12-04T01:00:00.000Z', [], 'late'),
      fault('whzx', '2026-12-04T02:00:00.000Z', [], 'on-time'),
      fault('whzx', '2026-12-04T03:00:00.000Z', [], 'withdrawn'),
    ];
    const ledger = [
      entry('whzx', '2026-12-04T01:00:00.000Z', 188_000, undefined, { ticketId: 'late' }),
      entry('whzx', '2026-12-04T03:00:00.000Z', 188_000, true, { ticketId: 'withdrawn' }),
    ];
    // Act
    const overview = aggregateVendorOverview({
      at: '2026-12-04T06:00:00.000Z',
      quarters,
      hospitals: [{ id: 'whzx', name: '武汉市中心医院' }],
      tickets,
      openTickets: [],
      ledger,
    });
    // Assess
    expect(overview.hospitals[0]?.quarters[0]).toMatchObject({
      faults: 3,
      breached: 1,
      compliantBp: 6666,
      deductionsFen: 188_000,
    });
  });
});
