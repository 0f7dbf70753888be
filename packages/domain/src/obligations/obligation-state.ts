import { CalendarYearNotPublishedError } from '../calendar/calendar-errors.ts';
import { addDays, weekdayOf } from '../dates.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { PlannedObligation } from './obligation-plan.ts';

/**
 * open; awaiting (the vendor's proof waits for the hospital side to confirm it); done; overdue
 * (past its due date without accepted proof).
 */
export type ObligationState = 'open' | 'awaiting' | 'done' | 'overdue';

/**
 * Working days the hospital side has, after the vendor proved an obligation, to confirm the proof
 * or object to it; after them, silence confirms it (docs/decisions.md).
 */
export const proofObjectionWorkingDays = 5;

/** What the hospital side made of the vendor's proof, as far as the state depends on it. */
export interface AcceptanceState {
  status: 'pending' | 'confirmed' | 'objected';
  /** The last Shanghai day an objection is taken; from the next day a pending proof counts. */
  objectionUntil: string;
}

/**
 * The last day the hospital side may object to a proof submitted on `submittedOn`: the
 * proofObjectionWorkingDays-th working day after it. In a year whose holidays are not published
 * yet, Monday to Friday count (the window then ends no later than the statutory calendar would
 * have it, only earlier around a holiday nobody has entered).
 */
export function objectionUntil(calendar: WorkingDayCalendar, submittedOn: string): string {
  try {
    return calendar.addWorkingDays(submittedOn, proofObjectionWorkingDays);
  } catch (err) {
    if (!(err instanceof CalendarYearNotPublishedError)) throw err;
    let day = submittedOn;
    for (let left = proofObjectionWorkingDays; left > 0;) {
      day = addDays(day, 1);
      const weekday = weekdayOf(day);
      if (weekday !== 0 && weekday !== 6) left -= 1;
    }
    return day;
  }
}

/**
 * done once proof is attached and, for the vendor's proof, the hospital side confirmed it or let
 * its objection window pass; awaiting within that window; overdue after its due date without
 * accepted proof; else open. Before the due date is known (year unpublished) it can only be open
 * while the nominal date has not passed.
 */
export function obligationState(
  obligation: Pick<PlannedObligation, 'dueOn' | 'nominalDueOn' | 'calendarGap'>,
  doneOn: string | null,
  asOn: string,
  acceptance: AcceptanceState | null = null,
): ObligationState {
  if (doneOn !== null && doneOn <= asOn) {
    const waiting = acceptance?.status === 'pending' && asOn <= acceptance.objectionUntil;
    return waiting ? 'awaiting' : 'done';
  }
  if (obligation.dueOn !== null) return asOn > obligation.dueOn ? 'overdue' : 'open';
  // A moved due date is never earlier than the nominal one.
  if (asOn <= obligation.nominalDueOn) return 'open';
  const gap = obligation.calendarGap;
  if (!gap) throw new RangeError('an obligation without a due date must name its calendar gap');
  throw new CalendarYearNotPublishedError(gap.year, gap.coverage);
}
