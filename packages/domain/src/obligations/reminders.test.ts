import { describe, expect, it } from 'vitest';
import { chinaCalendar } from '../calendar/working-day-calendar.ts';
import { reminderDates } from './reminders.ts';

describe('reminders of an obligation', () => {
  it('reminds 7 and 1 working days before, on the day, then each working day while overdue', () => {
    // Prepare: due Tuesday 2026-04-07, just after 清明 (04-04..06).
    // Act
    const dates = reminderDates('2026-04-07', chinaCalendar, { through: '2026-04-10' });
    // Assess
    expect(dates).toEqual([
      { on: '2026-03-26', point: 'before', workingDaysBefore: 7 },
      { on: '2026-04-03', point: 'before', workingDaysBefore: 1 },
      { on: '2026-04-07', point: 'due' },
      { on: '2026-04-08', point: 'overdue', workingDaysOverdue: 1 },
      { on: '2026-04-09', point: 'overdue', workingDaysOverdue: 2 },
      { on: '2026-04-10', point: 'overdue', workingDaysOverdue: 3 },
    ]);
  });

  it('stops reminding once the proof is attached', () => {
    // Act
    const dates = reminderDates('2026-04-07', chinaCalendar, {
      through: '2026-04-30',
      doneOn: '2026-04-09',
    });
    // Assess
    expect(dates.at(-1)).toEqual({ on: '2026-04-08', point: 'overdue', workingDaysOverdue: 1 });
  });

  it('sends no reminder from before the obligation existed', () => {
    // Prepare: the first payment is due on signing day, Monday 2026-01-05.
    // Act
    const dates = reminderDates('2026-01-05', chinaCalendar, {
      through: '2026-01-05',
      opensOn: '2026-01-05',
    });
    // Assess
    expect(dates).toEqual([{ on: '2026-01-05', point: 'due' }]);
  });

  it('yields only reminders up to the day asked about', () => {
    // Act
    const dates = reminderDates('2026-04-07', chinaCalendar, { through: '2026-03-31' });
    // Assess
    expect(dates.map((d) => d.on)).toEqual(['2026-03-26']);
  });
});
