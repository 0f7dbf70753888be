import { describe, expect, it } from 'vitest';
import { CalendarYearNotPublishedError } from '../calendar/calendar-errors.ts';
import { calendarForContract, chinaCalendar } from '../calendar/working-day-calendar.ts';
import { hisOutpatient24mTemplate } from '../templates/his-outpatient-24m.ts';
import { contractFromTemplate } from '../templates/template.ts';
import { seedDemoContract } from '../test-fixtures.ts';
import { planObligations, type PlannedObligation } from './obligation-plan.ts';
import { obligationState } from './obligation-state.ts';

const countByKind = (list: PlannedObligation[]) =>
  list.reduce<Record<string, number>>(
    (acc, o) => ({ ...acc, [o.kind]: (acc[o.kind] ?? 0) + 1 }),
    {},
  );

describe('the obligations of a contract', () => {
  it('lists the seed’s demo contract: 4 inspections, deliverables and evaluations, 12 clean-ups, the annual evaluation, 3 payments', () => {
    // Prepare
    const terms = seedDemoContract();
    // Act
    const list = planObligations(terms, calendarForContract(terms));
    // Assess
    expect(countByKind(list)).toEqual({
      inspection: 4,
      deliverables: 4,
      'quarterly-evaluation': 4,
      'clean-up': 12,
      'backup-restore-test': 4,
      'system-analysis': 2,
      training: 2,
      feedback: 4,
      'annual-evaluation': 1,
      payment: 3,
    });
  });

  it('makes a quarter’s work due on the quarter’s last day, moved past 清明 to the next working day', () => {
    // Prepare: quarter 1 of the demo contract ends Saturday 2026-04-04, inside 清明 (04-04..06).
    const terms = seedDemoContract();
    // Act
    const inspection = planObligations(terms, calendarForContract(terms)).find(
      (o) => o.id === 'inspection-1',
    );
    // Assess
    expect(inspection).toMatchObject({
      period: { startsOn: '2026-01-05', endsOn: '2026-04-04' },
      nominalDueOn: '2026-04-04',
      dueOn: '2026-04-07',
      owner: 'support-engineer',
      calendarGap: null,
    });
  });

  it('dates each payment milestone on the first day it may be invoiced', () => {
    // Prepare
    const terms = seedDemoContract();
    // Act
    const payments = planObligations(terms, calendarForContract(terms)).filter(
      (o) => o.kind === 'payment',
    );
    // Assess
    expect(payments.map((p) => [p.milestoneId, p.nominalDueOn])).toEqual([
      ['first', '2026-01-05'],
      ['progress', '2026-07-05'],
      ['final', '2027-01-05'],
    ]);
    expect(payments[1]?.dueOn).toBe('2026-07-06');
  });

  it('flags an obligation in a year without published holidays instead of guessing its due date', () => {
    // Prepare
    const terms = contractFromTemplate(hisOutpatient24mTemplate, { signedOn: '2098-01-05' });
    // Act
    const list = planObligations(terms, chinaCalendar);
    // Assess
    expect(list.every((o) => o.dueOn === null)).toBe(true);
    expect(list[0]?.calendarGap).toMatchObject({ year: 2098 });
    expect(list[0]?.calendarGap?.message).toContain('vendor-additions.ts');
    expect(obligationState(list[0] as PlannedObligation, null, '2098-01-05')).toBe('open');
    expect(() => obligationState(list[0] as PlannedObligation, null, '2098-01-06')).toThrow(
      CalendarYearNotPublishedError,
    );
  });

  it('plans a 24-month contract from its own cadences: monthly inspections, two annual evaluations', () => {
    // Prepare
    const terms = contractFromTemplate(hisOutpatient24mTemplate, { signedOn: '2025-01-06' });
    // Act
    const counts = countByKind(planObligations(terms, chinaCalendar));
    // Assess
    expect(counts).toEqual({
      inspection: 24,
      deliverables: 8,
      'quarterly-evaluation': 8,
      'clean-up': 24,
      'backup-restore-test': 24,
      training: 8,
      'annual-evaluation': 2,
      payment: 3,
    });
  });

  it('moves a due date off a day the hospital closed', () => {
    // Prepare: clean-up 2 of the demo contract is due Wednesday 2026-03-04.
    const terms = {
      ...seedDemoContract(),
      calendarOverrides: [{ date: '2026-03-04', working: false, reason: '医院机房搬迁' }],
    };
    // Act
    const cleanUp = planObligations(terms, calendarForContract(terms)).find(
      (o) => o.id === 'clean-up-2',
    );
    // Assess
    expect(cleanUp).toMatchObject({ nominalDueOn: '2026-03-04', dueOn: '2026-03-05' });
  });

  it('is open before its due date, overdue after it, done once proof is attached', () => {
    // Prepare
    const terms = seedDemoContract();
    const inspection = planObligations(terms, chinaCalendar).find(
      (o) => o.id === 'inspection-1',
    ) as PlannedObligation;
    // Act / Assess
    expect(obligationState(inspection, null, '2026-04-07')).toBe('open');
    expect(obligationState(inspection, null, '2026-04-08')).toBe('overdue');
    expect(obligationState(inspection, '2026-04-09', '2026-04-10')).toBe('done');
  });
});
