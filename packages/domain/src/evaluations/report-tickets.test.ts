import { describe, expect, it } from 'vitest';
import { deductionsFor } from '../deductions/deductions.ts';
import { faultTicket, seedDemoContract } from '../test-fixtures.ts';
import { quarterReportFigures } from './report-figures.ts';
import { ticketsBehindFigures } from './report-tickets.ts';

describe('the tickets behind each count of an evaluation report', () => {
  it('names the late tickets and the vendor faults without notice of the quarter, by severity', () => {
    // Prepare: two late answers and one unannounced vendor fault in quarter 2, one late in quarter 1.
    const terms = seedDemoContract();
    const tickets = [
      faultTicket('T1', '2026-02-01T01:00:00Z', 90),
      faultTicket('T2', '2026-05-01T01:00:00Z', 61),
      faultTicket('T3', '2026-05-02T01:00:00Z', 120),
      faultTicket('T4', '2026-05-03T02:00:00Z', 10, {
        severity: 'fatal',
        attribution: {
          eventId: 'T4-review',
          decidedAt: '2026-05-03T05:00:00Z',
          cause: 'vendor',
          subsystemId: 's1',
          advanceNoticeId: null,
        },
      }),
    ];
    const entries = deductionsFor(terms, tickets, [], '2026-06-01T00:00:00Z');
    const q2 = quarterReportFigures(terms, entries)[1];
    if (!q2) throw new Error('no second quarter');
    // Act
    const behind = ticketsBehindFigures(q2, entries);
    // Assess
    expect(behind).toEqual({
      lateResponses: ['T2', 'T3'],
      vendorFaultsWithoutNotice: { fatal: ['T4'], serious: [], minor: [] },
    });
    expect(behind.lateResponses).toHaveLength(q2.lateResponses);
  });
});
