import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';

export type Reminder =
  | { on: string; point: 'before'; workingDaysBefore: number }
  | { on: string; point: 'due' }
  | { on: string; point: 'overdue'; workingDaysOverdue: number };

export interface ReminderOptions {
  /** Reminders up to and including this day. */
  through: string;
  /** No reminder before the obligation exists (e.g. before signing). */
  opensOn?: string;
  /** The day the proof was attached; reminders stop from then on. */
  doneOn?: string | null;
  /** Default: 7 and 1 working days before the due date. */
  workingDaysBefore?: readonly number[];
}

/**
 * When to remind the owner of an obligation: some working days before it falls due, on the due
 * day, then every working day while it is overdue (Reading: nobody acts on a reminder sent on a
 * day off). Counted in the contract's calendar, so 调休 and hospital closures are honoured.
 */
export function* reminders(
  dueOn: string,
  calendar: WorkingDayCalendar,
  options: ReminderOptions,
): Generator<Reminder> {
  const stop = (day: string) =>
    day > options.through || (options.doneOn != null && day >= options.doneOn);
  const before = [...(options.workingDaysBefore ?? [7, 1])]
    .filter((n) => n > 0)
    .sort((a, b) => b - a);
  for (const n of before) {
    const on = calendar.addWorkingDays(dueOn, -n);
    if (stop(on)) return;
    if (options.opensOn === undefined || on >= options.opensOn) {
      yield { on, point: 'before', workingDaysBefore: n };
    }
  }
  if (stop(dueOn)) return;
  yield { on: dueOn, point: 'due' };
  for (let n = 1; ; n += 1) {
    const on = calendar.addWorkingDays(dueOn, n);
    if (stop(on)) return;
    yield { on, point: 'overdue', workingDaysOverdue: n };
  }
}

/** The reminder dates up to `options.through`, as a list. */
export function reminderDates(
  dueOn: string,
  calendar: WorkingDayCalendar,
  options: ReminderOptions,
): Reminder[] {
  return [...reminders(dueOn, calendar, options)];
}
