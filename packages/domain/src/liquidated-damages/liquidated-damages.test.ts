import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaCalendar } from '../calendar/working-day-calendar.ts';
import { addDays } from '../dates.ts';
import { hisOutpatient24mTemplate } from '../templates/his-outpatient-24m.ts';
import { contractFromTemplate } from '../templates/template.ts';
import { seedDemoContract } from '../test-fixtures.ts';
import { liquidatedDamages, type Breach } from './liquidated-damages.ts';

const terms = seedDemoContract();
const fenCap = 1_880_000;
const latePayment = (settledOn: string | null): Breach => ({
  kind: 'late-payment',
  dueOn: '2026-10-20',
  settledOn,
  excused: false,
});

describe('liquidated damages (违约金)', () => {
  it('owes nothing for 4 working days late and 1% of the total for 5', () => {
    // Act
    const four = liquidatedDamages(terms, latePayment('2026-10-26'), '2026-12-01', chinaCalendar);
    const five = liquidatedDamages(terms, latePayment('2026-10-27'), '2026-12-01', chinaCalendar);
    // Assess
    expect(four).toMatchObject({ workingDaysLate: 4, blocks: 0, amountFen: 0 });
    expect(five).toMatchObject({ workingDaysLate: 5, blocks: 1, rateBp: 100, amountFen: 188_000 });
  });

  it('accrues on an unpaid invoice up to the day asked about and stops at 10% of the total', () => {
    // Act
    const outstanding = liquidatedDamages(terms, latePayment(null), '2026-12-31', chinaCalendar);
    // Assess
    expect(outstanding.workingDaysLate).toBe(52);
    expect(outstanding).toMatchObject({
      blocks: 10,
      rateBp: 1000,
      amountFen: 1_880_000,
      capped: false,
    });
    expect(
      liquidatedDamages(terms, latePayment('2026-12-31'), '2026-12-31', chinaCalendar),
    ).toEqual(outstanding);
    const longUnpaid = { ...latePayment(null), dueOn: '2026-01-05' };
    expect(liquidatedDamages(terms, longUnpaid, '2026-12-31', chinaCalendar)).toMatchObject({
      rateBp: 1000,
      amountFen: 1_880_000,
      capped: true,
    });
  });

  it('counts a begun block in a contract that says so (不足3个工作日按3个工作日计)', () => {
    // Prepare
    const his = contractFromTemplate(hisOutpatient24mTemplate, { signedOn: '2026-01-05' });
    // Act
    const oneDay = liquidatedDamages(his, latePayment('2026-10-21'), '2026-12-01', chinaCalendar);
    // Assess
    expect(oneDay).toMatchObject({ workingDaysLate: 1, blocks: 1, rateBp: 50, amountFen: 260_000 });
  });

  it('owes nothing for a missed service that was not the vendor’s fault (非乙方原因或不可抗力)', () => {
    // Act
    const excused = liquidatedDamages(
      terms,
      { kind: 'missed-service', dueOn: '2026-03-02', settledOn: '2026-04-30', excused: true },
      '2026-05-01',
      chinaCalendar,
    );
    // Assess
    expect(excused.amountFen).toBe(0);
  });

  it('never exceeds the cap, never goes negative, and never shrinks as the delay grows', () => {
    // Prepare: a payment due 2025-03-03 and still unpaid, asked about up to ~19 months later.
    const unpaid: Breach = { kind: 'late-payment', dueOn: '2025-03-03', settledOn: null };
    const after = (days: number) =>
      liquidatedDamages(terms, unpaid, addDays('2025-03-03', days), chinaCalendar);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 560 }),
        fc.integer({ min: 0, max: 30 }),
        (days, more) => {
          // Act
          const a = after(days);
          const b = after(days + more);
          // Assess
          expect(a.amountFen).toBeGreaterThanOrEqual(0);
          expect(b.amountFen).toBeLessThanOrEqual(fenCap);
          expect(b.amountFen).toBeGreaterThanOrEqual(a.amountFen);
        },
      ),
      { numRuns: 100 },
    );
  });
});
