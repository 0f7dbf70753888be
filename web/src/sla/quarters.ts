const shanghaiOffsetMs = 8 * 3_600_000;

/** The date in Asia/Shanghai (no daylight saving: UTC+8 all year) as YYYY-MM-DD. */
export function shanghaiDate(ms: number): string {
  return new Date(ms + shanghaiOffsetMs).toISOString().slice(0, 10);
}

/** The calendar quarter of an instant in Asia/Shanghai: 2026Q1. */
export function calendarQuarterOf(iso: string): string {
  const date = shanghaiDate(Date.parse(iso));
  return `${date.slice(0, 4)}Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** From the first day of the quarter that holds `ms` (Asia/Shanghai) to that day: the "this quarter" range. */
export function quarterToDate(ms: number): { from: string; to: string } {
  const to = shanghaiDate(ms);
  const month = Math.floor((Number(to.slice(5, 7)) - 1) / 3) * 3 + 1;
  return { from: `${to.slice(0, 4)}-${String(month).padStart(2, '0')}-01`, to };
}

/** One year back to today (Asia/Shanghai): the charts' window. */
export function lastYear(ms: number): { from: string; to: string } {
  const to = shanghaiDate(ms);
  // 29 February has no day a year back: 28 February stands in.
  const monthDay = to.slice(4) === '-02-29' ? '-02-28' : to.slice(4);
  return { from: `${Number(to.slice(0, 4)) - 1}${monthDay}`, to };
}
