/** Where operators enter a newly published year; the error message points here. */
export const vendorAdditionsPath = 'packages/domain/src/calendar/vendor-additions.ts';

/**
 * A date in a year whose statutory holidays we do not have. Never guessed from weekdays: a
 * payment due date or a deadline that ignores 调休 would be wrong in a way nobody notices.
 */
export class CalendarYearNotPublishedError extends Error {
  override readonly name = 'CalendarYearNotPublishedError';

  constructor(
    readonly year: number,
    readonly coverage: string,
  ) {
    super(
      `no working-day calendar for ${year} (${coverage}); add ${year}'s holidays from the ` +
        `State Council notice to ${vendorAdditionsPath}, or upgrade chinese-days`,
    );
  }
}
