import { describe, expect, it } from 'vitest';
import { deductionsFor } from '../deductions/deductions.ts';
import { quarterPeriods } from '../service-periods.ts';
import { hisOutpatient24mTemplate } from '../templates/his-outpatient-24m.ts';
import { contractFromTemplate } from '../templates/template.ts';
import { faultTicket, seedDemoContract } from '../test-fixtures.ts';
import { quarterReportFigures, termReportFigures } from './report-figures.ts';

describe('the quarters of a contract and the figures each report shows', () => {
  it('counts quarters from the contract’s start date, not calendar quarters', () => {
    // Act
    const quarters = quarterPeriods(seedDemoContract().term);
    // Assess
    expect(quarters).toEqual([
      { index: 1, startsOn: '2026-01-05', endsOn: '2026-04-04' },
      { index: 2, startsOn: '2026-04-05', endsOn: '2026-07-04' },
      { index: 3, startsOn: '2026-07-05', endsOn: '2026-10-04' },
      { index: 4, startsOn: '2026-10-05', endsOn: '2027-01-04' },
    ]);
  });

  it('keeps month ends from drifting for a term starting on the 31st', () => {
    // Act
    const quarters = quarterPeriods({ startsOn: '2026-01-31', endsOn: '2027-01-30' });
    // Assess
    expect(quarters.map((q) => q.startsOn)).toEqual([
      '2026-01-31',
      '2026-04-30',
      '2026-07-31',
      '2026-10-31',
    ]);
    expect(quarters.map((q) => q.endsOn)).toEqual([
      '2026-04-29',
      '2026-07-30',
      '2026-10-30',
      '2027-01-30',
    ]);
  });

  it('has eight quarters in a 24-month contract', () => {
    // Prepare
    const his = contractFromTemplate(hisOutpatient24mTemplate, { signedOn: '2026-03-01' });
    // Act / Assess
    expect(quarterPeriods(his.term)).toHaveLength(8);
  });

  it('fills each quarter’s late responses and vendor faults by severity from the ledger, by Shanghai report date', () => {
    // Prepare: T2 is reported at 23:30 UTC on 04-03, already 04-04 in Shanghai, still quarter 1;
    // T3 at 16:30 UTC on 04-04 is 04-05 in Shanghai: quarter 2.
    const terms = seedDemoContract();
    const fault = faultTicket('T4', '2026-05-01T02:00:00Z', 10, {
      severity: 'minor',
      attribution: {
        eventId: 'T4-review',
        decidedAt: '2026-05-02T02:00:00Z',
        cause: 'vendor',
        subsystemId: 's2',
        advanceNoticeId: null,
      },
    });
    const tickets = [
      faultTicket('T1', '2026-02-01T01:00:00Z', 90),
      faultTicket('T2', '2026-04-03T23:30:00Z', 90),
      faultTicket('T3', '2026-04-04T16:30:00Z', 90),
      fault,
    ];
    const entries = deductionsFor(terms, tickets, [], '2026-06-01T00:00:00Z');
    // Act
    const [q1, q2] = quarterReportFigures(terms, entries);
    const year = termReportFigures(terms, entries);
    // Assess
    expect(q1).toMatchObject({
      lateResponses: 2,
      lateResponseDeductionFen: 376_000,
      totalDeductionFen: 376_000,
    });
    expect(q2).toMatchObject({
      lateResponses: 1,
      vendorFaultsWithoutNotice: { fatal: 0, serious: 0, minor: 1 },
      vendorFaultDeductionFen: 23_500,
      totalDeductionFen: 211_500,
    });
    expect(year.totalDeductionFen).toBe(587_500);
  });
});
