import { CalendarYearNotPublishedError } from '../calendar/calendar-errors.ts';
import type { PlannedObligation } from './obligation-plan.ts';

export type ObligationState = 'open' | 'done' | 'overdue';

/**
 * done once proof is attached; overdue after its due date without proof; else open. Before the
 * due date is known (year unpublished) it can only be open while the nominal date has not passed.
 */
export function obligationState(
  obligation: Pick<PlannedObligation, 'dueOn' | 'nominalDueOn' | 'calendarGap'>,
  doneOn: string | null,
  asOn: string,
): ObligationState {
  if (doneOn !== null && doneOn <= asOn) return 'done';
  if (obligation.dueOn !== null) return asOn > obligation.dueOn ? 'overdue' : 'open';
  // A moved due date is never earlier than the nominal one.
  if (asOn <= obligation.nominalDueOn) return 'open';
  const gap = obligation.calendarGap;
  if (!gap) throw new RangeError('an obligation without a due date must name its calendar gap');
  throw new CalendarYearNotPublishedError(gap.year, gap.coverage);
}
