import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shanghaiDateOf, startOfShanghaiDate } from '../time/instant.ts';
import {
  reminderInstantOn,
  secondOfReminderWindow,
  type ReminderOwner,
} from './reminder-window.ts';

const kinds = [
  'inspection-1',
  'deliverables-2',
  'quarterly-evaluation-3',
  'clean-up-7',
  'restore-test-2',
  'analysis-1',
  'training-2',
  'feedback-4',
  'payment-1',
];
/** 1,000 hospitals with 2 contracts each and 9 obligations: 18,000 reminders of one morning. */
const manyOwners = (): ReminderOwner[] =>
  Array.from({ length: 1000 }, (_, h) =>
    [0, 1].flatMap((c) =>
      kinds.map((obligationId) => ({
        hospitalId: `h${String(h).padStart(4, '0')}`,
        contractId: `01KAW${String(h * 2 + c).padStart(21, '0')}`,
        obligationId,
      })),
    ),
  ).flat();

describe('the reminder window, 08:30–09:30 in Shanghai', () => {
  it('puts every reminder inside the window of its own Shanghai day', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.string(),
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2040-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (hospitalId, contractId, obligationId, date) => {
          // Prepare
          const day = shanghaiDateOf(date.getTime());
          // Act
          const at = reminderInstantOn(day, { hospitalId, contractId, obligationId });
          // Assess
          expect(shanghaiDateOf(at)).toBe(day);
          expect(at).toBeGreaterThanOrEqual(Date.parse(`${day}T08:30:00+08:00`));
          expect(at).toBeLessThan(Date.parse(`${day}T09:30:00+08:00`));
          expect(at % 1000).toBe(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps the same second for the same obligation, every day and every time it is asked', () => {
    const owner = {
      hospitalId: 'whzx',
      contractId: '01KAW00000000000000000WHZX',
      obligationId: 'inspection-1',
    };
    // Act
    const second = secondOfReminderWindow(owner);
    const days = ['2026-03-26', '2026-04-07', '2027-01-04'].map(
      (d) => reminderInstantOn(d, { ...owner }) - startOfShanghaiDate(d),
    );
    // Assess
    expect(secondOfReminderWindow({ ...owner })).toBe(second);
    expect(new Set(days)).toEqual(new Set([(8 * 3600 + 1800 + second) * 1000]));
  });

  it('gives the same obligation id of two contracts or two hospitals different seconds', () => {
    const a = { hospitalId: 'whzx', contractId: 'C1', obligationId: 'inspection-1' };
    expect(secondOfReminderWindow({ ...a, contractId: 'C2' })).not.toBe(secondOfReminderWindow(a));
    expect(secondOfReminderWindow({ ...a, hospitalId: 'jcey' })).not.toBe(
      secondOfReminderWindow(a),
    );
  });

  it('spreads 18,000 reminders of 1,000 hospitals evenly over the hour, not into one second', () => {
    // Act
    const perSecond = new Array<number>(3600).fill(0);
    for (const o of manyOwners()) {
      const second = secondOfReminderWindow(o);
      perSecond[second] = (perSecond[second] ?? 0) + 1;
    }
    // Assess: 300 a minute expected; the busiest second holds some 14, not 18,000.
    const perMinute = Array.from({ length: 60 }, (_, m) =>
      perSecond.slice(m * 60, m * 60 + 60).reduce((a, b) => a + b, 0),
    );
    expect(Math.min(...perMinute)).toBeGreaterThanOrEqual(240);
    expect(Math.max(...perMinute)).toBeLessThanOrEqual(360);
    expect(Math.max(...perSecond)).toBeLessThanOrEqual(20);
    // Chi-square over the 3,600 seconds against uniform, per degree of freedom: about 1 when even.
    const chi = perSecond.reduce((sum, n) => sum + (n - 5) ** 2 / 5, 0) / 3599;
    expect(chi).toBeLessThan(1.15);
  });
});
