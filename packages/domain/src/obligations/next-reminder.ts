import { CalendarYearNotPublishedError } from '../calendar/calendar-errors.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { shanghaiDateOf } from '../time/instant.ts';
import { reminderInstantOn, type ReminderOwner } from './reminder-window.ts';
import { reminders, type Reminder } from './reminders.ts';

export type ScheduledReminder = Reminder & {
  /** `<on>:<point>`, e.g. 2026-04-03:before-1: what marks the reminder as sent. */
  key: string;
  /** Epoch ms the reminder should go out: its second of 08:30–09:30 Shanghai on its day, or `nowMs` if that has passed today. */
  atMs: number;
};

export function reminderKey(r: Reminder): string {
  switch (r.point) {
    case 'before':
      return `${r.on}:before-${r.workingDaysBefore}`;
    case 'due':
      return `${r.on}:due`;
    case 'overdue':
      return `${r.on}:overdue-${r.workingDaysOverdue}`;
  }
}

/**
 * The next reminder of an obligation still to send at `nowMs`: the first of its reminder points
 * (domain `reminders`) that is today or later and not yet sent. A day already gone is skipped, not
 * sent late: a pile of stale reminders helps nobody. null when none is left (done) or the due date
 * falls in a year whose holidays are not yet published (the calendar gap is shown instead).
 */
export function nextReminder(
  dueOn: string | null,
  calendar: WorkingDayCalendar,
  owner: ReminderOwner,
  options: { nowMs: number; opensOn?: string; doneOn?: string | null; sent?: readonly string[] },
): ScheduledReminder | null {
  if (dueOn === null) return null;
  const today = shanghaiDateOf(options.nowMs);
  const sent = new Set(options.sent ?? []);
  try {
    for (const r of reminders(dueOn, calendar, {
      through: '9999-12-31',
      ...(options.opensOn !== undefined ? { opensOn: options.opensOn } : {}),
      doneOn: options.doneOn ?? null,
    })) {
      if (r.on < today) continue;
      const key = reminderKey(r);
      if (sent.has(key)) continue;
      const at = reminderInstantOn(r.on, owner);
      return { ...r, key, atMs: Math.max(at, r.on === today ? options.nowMs : at) };
    }
  } catch (err) {
    if (err instanceof CalendarYearNotPublishedError) return null;
    throw err;
  }
  return null;
}
