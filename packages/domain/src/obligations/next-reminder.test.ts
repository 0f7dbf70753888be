import { describe, expect, it } from 'vitest';
import { chinaCalendar } from '../calendar/working-day-calendar.ts';
import { nextReminder } from './next-reminder.ts';
import { secondOfReminderWindow } from './reminder-window.ts';

const at = (iso: string) => Date.parse(iso);
const owner = { hospitalId: 'whzx', contractId: 'C1', obligationId: 'inspection-1' };

describe('the next reminder of an obligation', () => {
  it('is 7 working days before the due date, at the obligation’s second of 08:30–09:30 in Shanghai, while that day is ahead', () => {
    // Act: due Tuesday 2026-04-07; asked in early March.
    const next = nextReminder('2026-04-07', chinaCalendar, owner, {
      nowMs: at('2026-03-02T00:00:00Z'),
    });
    // Assess
    expect(next).toMatchObject({ on: '2026-03-26', point: 'before', key: '2026-03-26:before-7' });
    expect(next?.atMs).toBe(at('2026-03-26T08:30:00+08:00') + secondOfReminderWindow(owner) * 1000);
  });

  it('goes out at once when its day is today and its time has passed', () => {
    // Act: 2026-03-26 15:00 Shanghai
    const now = at('2026-03-26T07:00:00Z');
    const next = nextReminder('2026-04-07', chinaCalendar, owner, { nowMs: now });
    // Assess
    expect(next).toMatchObject({ on: '2026-03-26', atMs: now });
  });

  it('skips what was sent and days gone by, and reminds each working day while overdue', () => {
    // Act: 2026-04-09 in Shanghai, the due-day reminder went out, nothing since.
    const next = nextReminder('2026-04-07', chinaCalendar, owner, {
      nowMs: at('2026-04-09T00:30:00Z'),
      sent: ['2026-04-07:due'],
    });
    // Assess
    expect(next).toMatchObject({ on: '2026-04-09', point: 'overdue', workingDaysOverdue: 2 });
  });

  it('has none left once the proof is attached, and none without a due date', () => {
    // Act / Assess
    expect(
      nextReminder('2026-04-07', chinaCalendar, owner, {
        nowMs: at('2026-04-09T00:30:00Z'),
        doneOn: '2026-04-08',
      }),
    ).toBeNull();
    expect(
      nextReminder(null, chinaCalendar, owner, { nowMs: at('2026-04-09T00:30:00Z') }),
    ).toBeNull();
  });

  it('waits for its second of the window on its own day, even when asked after 08:30', () => {
    // Prepare: an obligation whose second lies after 08:45; asked at 08:30:00 on the reminder day.
    const late = [1, 2, 3, 4, 5, 6, 7, 8, 9]
      .map((i) => ({ ...owner, obligationId: `inspection-${i}` }))
      .find((o) => secondOfReminderWindow(o) > 900);
    if (!late) throw new Error('no obligation id with a second after 08:45 among nine');
    // Act
    const next = nextReminder('2026-04-07', chinaCalendar, late, {
      nowMs: at('2026-03-26T08:30:00+08:00'),
    });
    // Assess: the same day, later that hour, not at once.
    expect(next?.on).toBe('2026-03-26');
    expect(next?.atMs).toBe(at('2026-03-26T08:30:00+08:00') + secondOfReminderWindow(late) * 1000);
  });
});
