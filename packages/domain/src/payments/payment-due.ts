import type { PaymentMilestone } from '../contract.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';

/**
 * 甲方收到乙方开具相应税票后的10个工作日内: the last day the hospital may pay is the
 * payWithinWorkingDays-th working day after the day it received the invoice, 调休 included.
 */
export function paymentDueOn(
  invoiceReceivedOn: string,
  milestone: Pick<PaymentMilestone, 'payWithinWorkingDays'>,
  calendar: WorkingDayCalendar,
): string {
  return calendar.addWorkingDays(invoiceReceivedOn, milestone.payWithinWorkingDays);
}
