import { describe, expect, it } from 'vitest';
import { chinaCalendar } from '../calendar/working-day-calendar.ts';
import { nextReminder } from './next-reminder.ts';

const at = (iso: string) => Date.parse(iso);

describe('the next reminder of an obligation', () => {
  it('is 7 working days before the due date, at 09:00 in Shanghai, while that day is ahead', () => {
    // Act: due Tuesday 2026-04-07; asked in early March.
    const next = nextReminder('2026-04-07', chinaCalendar, { nowMs: at('2026-03-02T00:00:00Z') });
    // Assess
    expect(next).toMatchObject({ on: '2026-03-26', point: 'before', key: '2026-03-26:before-7' });
    expect(next?.atMs).toBe(at('2026-03-26T09:00:00+08:00'));
  });

  it('goes out at once when its day is today and 09:00 has passed', () => {
    // Act: 2026-03-26 15:00 Shanghai
    const now = at('2026-03-26T07:00:00Z');
    const next = nextReminder('2026-04-07', chinaCalendar, { nowMs: now });
    // Assess
    expect(next).toMatchObject({ on: '2026-03-26', atMs: now });
  });

  it('skips what was sent and days gone by, and reminds each working day while overdue', () => {
    // Act: 2026-04-09 in Shanghai, the due-day reminder went out, nothing since.
    const next = nextReminder('2026-04-07', chinaCalendar, {
      nowMs: at('2026-04-09T00:30:00Z'),
      sent: ['2026-04-07:due'],
    });
    // Assess
    expect(next).toMatchObject({ on: '2026-04-09', point: 'overdue', workingDaysOverdue: 2 });
  });

  it('has none left once the proof is attached, and none without a due date', () => {
    // Act / Assess
    expect(
      nextReminder('2026-04-07', chinaCalendar, {
        nowMs: at('2026-04-09T00:30:00Z'),
        doneOn: '2026-04-08',
      }),
    ).toBeNull();
    expect(nextReminder(null, chinaCalendar, { nowMs: at('2026-04-09T00:30:00Z') })).toBeNull();
  });
});
