/**
 * EventBridge Scheduler's schedule expressions, evaluated the way the Scheduler does: `at()` for
 * one-time schedules, `cron()` (six fields) and `rate()` for recurring ones, each in the schedule's
 * IANA time zone. Wall-clock times that do not exist (a spring-forward gap) are skipped and times
 * that occur twice (fall back) run once, as the Scheduler documents for daylight saving time.
 */

export class ScheduleExpressionError extends Error {
  override name = 'ScheduleExpressionError';
}

export type ScheduleExpression =
  | { kind: 'at'; wall: number }
  | { kind: 'rate'; everyMs: number }
  | { kind: 'cron'; cron: CronFields };

/** Allowed values per field; `any` where the field is `*` or `?`. */
export interface CronFields {
  minutes: readonly number[];
  hours: readonly number[];
  daysOfMonth: ReadonlySet<number> | 'any';
  months: ReadonlySet<number> | 'any';
  /** 1 = Sunday … 7 = Saturday, as AWS counts. */
  daysOfWeek: ReadonlySet<number> | 'any';
  years: ReadonlySet<number> | 'any';
}

const minuteMs = 60_000;
const dayMs = 86_400_000;

const atPattern = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/;
const ratePattern = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const cronPattern = /^cron\((.*)\)$/;

export function parseScheduleExpression(text: string): ScheduleExpression {
  const at = atPattern.exec(text);
  if (at) {
    const [y, mo, d, h, mi, s] = at.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const wall = Date.UTC(y, mo - 1, d, h, mi, s);
    const back = new Date(wall);
    if (
      back.getUTCFullYear() !== y ||
      back.getUTCMonth() !== mo - 1 ||
      back.getUTCDate() !== d ||
      h > 23 ||
      mi > 59 ||
      s > 59
    ) {
      throw new ScheduleExpressionError(`Invalid Schedule Expression ${text}: no such date`);
    }
    return { kind: 'at', wall };
  }
  const rate = ratePattern.exec(text);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2] as string;
    if (value < 1) throw new ScheduleExpressionError(`Invalid Schedule Expression ${text}`);
    // AWS: singular unit for 1, plural otherwise.
    if ((value === 1) !== !unit.endsWith('s'))
      throw new ScheduleExpressionError(
        `Invalid Schedule Expression ${text}: use the singular unit for 1 and the plural otherwise`,
      );
    const unitMs = unit.startsWith('minute')
      ? minuteMs
      : unit.startsWith('hour')
        ? 60 * minuteMs
        : dayMs;
    return { kind: 'rate', everyMs: value * unitMs };
  }
  const cron = cronPattern.exec(text);
  if (cron) return { kind: 'cron', cron: parseCron(cron[1] as string, text) };
  throw new ScheduleExpressionError(
    `Invalid Schedule Expression ${text}: expected at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields)`,
  );
}

const monthNames = [
  'JAN',
  'FEB',
  'MAR',
  'APR',
  'MAY',
  'JUN',
  'JUL',
  'AUG',
  'SEP',
  'OCT',
  'NOV',
  'DEC',
];
const dayNames = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Whether `?` is allowed (day-of-month and day-of-week only). */
  question?: boolean;
}

const fieldSpecs: readonly FieldSpec[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31, question: true },
  { name: 'month', min: 1, max: 12, names: monthNames },
  { name: 'day-of-week', min: 1, max: 7, names: dayNames, question: true },
  { name: 'year', min: 1970, max: 2199 },
];

/** `*` and `?` both mean "any"; everything else is the set of values the field allows. */
function parseField(text: string, spec: FieldSpec, whole: string): Set<number> | 'any' {
  const fail = (why: string) =>
    new ScheduleExpressionError(`Invalid Schedule Expression ${whole}: ${spec.name} ${why}`);
  if (text === '?') {
    if (!spec.question) throw fail('cannot be ?');
    return 'any';
  }
  if (text === '*') return 'any';
  const value = (token: string): number => {
    const named = spec.names?.indexOf(token.toUpperCase()) ?? -1;
    const n = named >= 0 ? named + spec.min : /^\d+$/.test(token) ? Number(token) : NaN;
    if (!Number.isInteger(n) || n < spec.min || n > spec.max)
      throw fail(`"${token}" is not between ${spec.min} and ${spec.max}`);
    return n;
  };
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const m = /^([^/-]+)(?:-([^/]+))?(?:\/(\d+))?$/.exec(item);
    if (!m)
      throw fail(`"${item}" is not supported locally (only *, ?, values, ranges, lists, steps)`);
    const [, from, to, step] = m;
    const start = from === '*' ? spec.min : value(from as string);
    // "5/15": from 5 to the end in steps of 15; "5": just 5.
    const end =
      to !== undefined ? value(to) : from === '*' || step !== undefined ? spec.max : start;
    const by = step !== undefined ? Number(step) : 1;
    if (by < 1) throw fail(`step "${step}" must be at least 1`);
    if (end < start) throw fail(`range "${item}" runs backwards`);
    for (let v = start; v <= end; v += by) values.add(v);
  }
  return values;
}

function parseCron(body: string, whole: string): CronFields {
  const parts = body.trim().split(/\s+/);
  if (parts.length !== 6)
    throw new ScheduleExpressionError(
      `Invalid Schedule Expression ${whole}: cron needs six fields (minutes hours day-of-month month day-of-week year)`,
    );
  const [minutes, hours, dom, month, dow, year] = parts.map((p, i) =>
    parseField(p, fieldSpecs[i] as FieldSpec, whole),
  ) as [
    Set<number> | 'any',
    Set<number> | 'any',
    Set<number> | 'any',
    Set<number> | 'any',
    Set<number> | 'any',
    Set<number> | 'any',
  ];
  // AWS: one of day-of-month and day-of-week must be ?, never both values.
  if ((parts[2] === '?') === (parts[4] === '?'))
    throw new ScheduleExpressionError(
      `Invalid Schedule Expression ${whole}: exactly one of day-of-month and day-of-week must be ?`,
    );
  const list = (field: Set<number> | 'any', spec: FieldSpec) =>
    field === 'any'
      ? Array.from({ length: spec.max - spec.min + 1 }, (_, i) => spec.min + i)
      : [...field].sort((a, b) => a - b);
  return {
    minutes: list(minutes, fieldSpecs[0] as FieldSpec),
    hours: list(hours, fieldSpecs[1] as FieldSpec),
    daysOfMonth: dom,
    months: month,
    daysOfWeek: dow,
    years: year,
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws unless the zone is one the runtime knows (IANA names such as Asia/Shanghai, or UTC). */
export function assertTimeZone(timeZone: string): void {
  try {
    formatter(timeZone);
  } catch {
    throw new ScheduleExpressionError(`Invalid ScheduleExpressionTimezone ${timeZone}`);
  }
}

/** The wall-clock time of an instant in a zone, as milliseconds of a UTC date with those fields. */
export function wallClock(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const ms = ((instant % 1000) + 1000) % 1000;
  return (
    Date.UTC(
      parts.year as number,
      (parts.month as number) - 1,
      parts.day as number,
      parts.hour as number,
      parts.minute as number,
      parts.second as number,
    ) + ms
  );
}

/**
 * The instant a wall-clock time names in a zone: the earlier one when it occurs twice, undefined
 * when it does not occur at all.
 */
export function instantOf(wall: number, timeZone: string): number | undefined {
  const offsetAt = (instant: number) => wallClock(instant, timeZone) - instant;
  // The offsets in force a day before and a day after cover both sides of any transition.
  const candidates = [...new Set([wall - offsetAt(wall - dayMs), wall - offsetAt(wall + dayMs)])]
    .filter((t) => wallClock(t, timeZone) === wall)
    .sort((a, b) => a - b);
  return candidates[0];
}

const matches = (field: ReadonlySet<number> | 'any', value: number) =>
  field === 'any' || field.has(value);

/** How far ahead a cron schedule is searched before it counts as never firing again. */
const cronHorizonDays = 366 * 8;

function nextCron(cron: CronFields, after: number, timeZone: string): number | undefined {
  const startWall = wallClock(after, timeZone);
  const firstDay = Math.floor(startWall / dayMs) * dayMs;
  for (let i = 0; i <= cronHorizonDays; i++) {
    const day = new Date(firstDay + i * dayMs);
    const year = day.getUTCFullYear();
    if (cron.years !== 'any' && year > Math.max(...cron.years)) return undefined;
    if (
      !matches(cron.years, year) ||
      !matches(cron.months, day.getUTCMonth() + 1) ||
      !matches(cron.daysOfMonth, day.getUTCDate()) ||
      !matches(cron.daysOfWeek, day.getUTCDay() + 1)
    )
      continue;
    for (const hour of cron.hours) {
      for (const minute of cron.minutes) {
        const wall = day.getTime() + hour * 3_600_000 + minute * minuteMs;
        // Offsets move wall time by at most a few hours; anything earlier cannot be after `after`.
        if (wall < startWall - 6 * 3_600_000) continue;
        const instant = instantOf(wall, timeZone);
        if (instant !== undefined && instant > after) return instant;
      }
    }
  }
  return undefined;
}

export interface NextFireOptions {
  timeZone: string;
  /** Only occurrences strictly after this instant count. */
  after: number;
  /** Where a rate() schedule counts from: its StartDate, or when it was created. */
  anchor: number;
}

/**
 * The next instant a schedule runs at, or undefined if never again. A one-time `at()` schedule
 * has exactly one instant, returned even when it has passed (the caller decides what that means).
 */
export function nextFireTime(
  expression: ScheduleExpression,
  options: NextFireOptions,
): number | undefined {
  switch (expression.kind) {
    case 'at':
      // A time inside a spring-forward gap still runs once: with the offset from before the gap.
      return (
        instantOf(expression.wall, options.timeZone) ??
        2 * expression.wall - wallClock(expression.wall - dayMs, options.timeZone) - dayMs
      );
    case 'rate': {
      if (options.anchor > options.after) return options.anchor;
      const periods = Math.floor((options.after - options.anchor) / expression.everyMs) + 1;
      return options.anchor + periods * expression.everyMs;
    }
    case 'cron':
      return nextCron(expression.cron, options.after, options.timeZone);
  }
}
