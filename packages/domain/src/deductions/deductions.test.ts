import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeductionRule } from '../contract.ts';
import { quarterReportFigures } from '../evaluations/report-figures.ts';
import { hisOutpatient24mTemplate } from '../templates/his-outpatient-24m.ts';
import { contractFromTemplate } from '../templates/template.ts';
import { faultTicket, seedDemoContract } from '../test-fixtures.ts';
import type { AdvanceNotice } from './advance-notice.ts';
import type { DeductibleTicket } from './deductible-ticket.ts';
import { deductionAmount, deductionsFor, sumFen } from './deductions.ts';

const terms = seedDemoContract();
const asOf = '2026-04-05T00:00:00Z';

function vendorFault(ticketId: string, noticeId: string | null): DeductibleTicket {
  return faultTicket(ticketId, '2026-02-10T02:00:00Z', 20, {
    severity: 'fatal',
    subsystemId: 's3',
    attribution: {
      eventId: `${ticketId}-review`,
      decidedAt: '2026-02-11T08:00:00Z',
      cause: 'vendor',
      subsystemId: 's3',
      advanceNoticeId: noticeId,
    },
  });
}

describe('deductions (扣款) booked from tickets', () => {
  it('books 1% of the contract total for each of three late responses in the first quarter', () => {
    // Prepare: responses 61, 75 and 180 minutes after the report; one on time.
    const tickets = [
      faultTicket('T1', '2026-01-12T01:00:00Z', 61),
      faultTicket('T2', '2026-02-03T06:30:00Z', 75),
      faultTicket('T3', '2026-03-20T12:00:00Z', 180),
      faultTicket('T4', '2026-03-21T12:00:00Z', 60),
    ];
    // Act
    const entries = deductionsFor(terms, tickets, [], asOf);
    const q1 = quarterReportFigures(terms, entries)[0];
    // Assess
    expect(entries.map((e) => [e.ticketId, e.amountFen])).toEqual([
      ['T1', 188_000],
      ['T2', 188_000],
      ['T3', 188_000],
    ]);
    expect(q1).toMatchObject({ lateResponses: 3, lateResponseDeductionFen: 3 * 188_000 });
  });

  it('names the ticket, the event and the rule that caused an entry', () => {
    // Act
    const [entry] = deductionsFor(terms, [faultTicket('T1', '2026-01-12T01:00:00Z', 61)], [], asOf);
    // Assess
    expect(entry).toMatchObject({
      id: 'late-response:T1',
      ticketId: 'T1',
      eventId: 'T1-responded',
      ruleId: 'late-response',
      baseFen: 18_800_000,
      rateBp: 100,
      occurredAt: '2026-01-12T02:01:00.000Z',
    });
    expect(entry?.sourceText).toContain('扣减1%合同款');
  });

  it('books a ticket still unanswered after an hour, linked to its report', () => {
    // Act
    const entries = deductionsFor(
      terms,
      [faultTicket('T5', '2026-03-30T01:00:00Z', null)],
      [],
      asOf,
    );
    // Assess
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      eventId: 'T5-reported',
      occurredAt: '2026-03-30T02:00:00.001Z',
    });
  });

  it('books 5% of a 23,500-yuan subsystem for a fatal fault from an unannounced upgrade', () => {
    // Act
    const entries = deductionsFor(terms, [vendorFault('T6', null)], [], asOf);
    // Assess
    expect(terms.subsystems.find((s) => s.id === 's3')?.amountFen).toBe(2_350_000);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      ruleId: 'vendor-fault-fatal',
      eventId: 'T6-review',
      subsystemId: 's3',
      amountFen: 117_500,
    });
  });

  it('books nothing for a fault traced to an upgrade the hospital acknowledged beforehand', () => {
    // Prepare
    const notice: AdvanceNotice = {
      id: 'N1',
      subsystemIds: ['s3'],
      announcedAt: '2026-02-01T02:00:00Z',
      acknowledgedAt: '2026-02-02T02:00:00Z',
    };
    // Act
    const entries = deductionsFor(terms, [vendorFault('T7', 'N1')], [notice], asOf);
    // Assess
    expect(entries).toEqual([]);
  });

  it('still books a fault whose advance notice the hospital acknowledged only after the fault', () => {
    // Prepare
    const late: AdvanceNotice = {
      id: 'N2',
      subsystemIds: [],
      announcedAt: '2026-02-01T02:00:00Z',
      acknowledgedAt: '2026-02-10T05:00:00Z',
    };
    // Act
    const entries = deductionsFor(terms, [vendorFault('T8', 'N2')], [late], asOf);
    // Assess
    expect(entries.map((e) => e.amountFen)).toEqual([117_500]);
  });

  it('books nothing for a fault the review put on the hospital', () => {
    // Prepare
    const ticket = vendorFault('T9', null);
    ticket.attribution = { ...ticket.attribution!, cause: 'hospital' };
    // Act / Assess
    expect(deductionsFor(terms, [ticket], [], asOf)).toEqual([]);
  });

  it('holds an entry to its rule’s cap in a contract that has one', () => {
    // Prepare: 0.5% of 520,000 yuan is 2,600 yuan; the rule caps one entry at 2,000 yuan.
    const his = contractFromTemplate(hisOutpatient24mTemplate, { signedOn: '2026-01-05' });
    // Act
    const [entry] = deductionsFor(his, [faultTicket('H1', '2026-01-12T01:00:00Z', 31)], [], asOf);
    // Assess
    expect(entry).toMatchObject({ amountFen: 200_000, capped: true });
  });

  it('never books a negative amount nor more than a rule’s cap', () => {
    const rule = fc.record({
      rateBp: fc.integer({ min: 0, max: 10_000 }),
      capFen: fc.option(fc.integer({ min: 0, max: 10_000_000 })),
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), rule, (base, r) => {
        const { amountFen } = deductionAmount(base, r as Pick<DeductionRule, 'rateBp' | 'capFen'>);
        expect(amountFen).toBeGreaterThanOrEqual(0);
        if (r.capFen !== null) expect(amountFen).toBeLessThanOrEqual(r.capFen);
      }),
      { numRuns: 500 },
    );
  });

  it('books each late ticket once however often it is evaluated', () => {
    // Prepare
    const tickets = [faultTicket('T1', '2026-01-12T01:00:00Z', 90)];
    // Act
    const first = deductionsFor(terms, tickets, [], asOf);
    const again = deductionsFor(terms, tickets, [], '2026-12-31T00:00:00Z');
    // Assess
    expect(again.map((e) => e.id)).toEqual(first.map((e) => e.id));
    expect(sumFen(again)).toBe(188_000);
  });
});
