import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import {
  makeObligationSchedules,
  makeObligationSchedulesFromEnv,
  systemClock,
} from '@weibao/adapters';
import { calendarDaysFromIcs, CalendarFileError, type CalendarFileDays } from '@weibao/domain';
import {
  localCredentials,
  localPortOffsets,
  localRegion,
  localTimers,
  portFromEnvironment,
} from '@weibao/local';
import { calendarYear } from '@weibao/store';
import {
  AppError,
  checkCalendarYear,
  makeEnterCalendarYear,
  type CalendarYearInput,
  type PlanningDeps,
} from '@weibao/usecases';
import { monotonicFactory } from 'ulid';
import { UsageError } from '../command.ts';
import { parseOptions, tableTarget, tableTargetHelp, unreachable } from '../table-target.ts';

/** One line, for errors (a usage error prints as one line). */
export const importUsageLine =
  'npx weibao calendar import YEAR FILE.ics|FILE.json [--notice TITLE] [--notice-date YYYY-MM-DD]';

const jsonShape =
  'FILE: .json ({ "notice", "noticeDate"?, "holidays": [{ "date", "name" }], "makeUpWorkdays": [...] })';

export const importUsage = [
  importUsageLine,
  '',
  jsonShape,
  'or .ics (all-day events of the year; a make-up working day has 班 in its SUMMARY). The year',
  'replaces the package’s; every contract reaching into it is planned again at once, reminders',
  'included: on AWS with SCHEDULE_GROUP, OBLIGATION_TIMER_ARN, SCHEDULER_ROLE_ARN and TIMER_DLQ_ARN',
  'as the API functions have them, locally on the Scheduler stand-in of `npm start` (PORT+4).',
  '',
  tableTargetHelp,
].join('\n');

/** The days of the file, and the notice it names (a JSON file may carry one). */
async function readDays(
  file: string,
  year: number,
): Promise<CalendarFileDays & { notice?: string; noticeDate?: string | null }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  if (/\.ics$/i.test(file) || /^\s*BEGIN:VCALENDAR/i.test(text)) {
    try {
      return calendarDaysFromIcs(text, year);
    } catch (err) {
      if (err instanceof CalendarFileError) throw new UsageError(`${file}: ${err.message}`);
      throw err;
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(
      `${file} is neither an iCalendar file nor JSON (${(err as Error).message}); see: ${jsonShape}`,
    );
  }
  const o = json as Record<string, unknown>;
  if (o === null || typeof o !== 'object' || !Array.isArray(o.holidays))
    throw new UsageError(`${file} has no "holidays" list; see: ${jsonShape}`);
  if (o.year !== undefined && o.year !== year)
    throw new UsageError(`${file} is for ${String(o.year)}, not ${year}`);
  return {
    holidays: o.holidays as CalendarFileDays['holidays'],
    makeUpWorkdays: (o.makeUpWorkdays ?? []) as CalendarFileDays['makeUpWorkdays'],
    ...(typeof o.notice === 'string' ? { notice: o.notice } : {}),
    ...(typeof o.noticeDate === 'string' ? { noticeDate: o.noticeDate } : {}),
  };
}

/** Reminder schedules: AWS's from the functions' variables, else the local stack's stand-in. */
function schedulesFor(env: NodeJS.ProcessEnv, local: boolean) {
  if (env.SCHEDULE_GROUP) {
    const client = new SchedulerClient({});
    return { schedules: makeObligationSchedulesFromEnv(client, env), client, where: 'AWS' };
  }
  if (!local) return null;
  const endpoint = `http://127.0.0.1:${portFromEnvironment(env.PORT) + localPortOffsets.scheduler}`;
  const client = new SchedulerClient({
    endpoint,
    region: localRegion,
    credentials: localCredentials,
  });
  const t = localTimers(localRegion);
  return {
    schedules: makeObligationSchedules(client, {
      groupName: t.scheduleGroup,
      targetArn: t.obligationTimerArn,
      roleArn: t.schedulerRoleArn,
      deadLetterArn: t.deadLetterArn,
    }),
    client,
    where: `the local Scheduler at ${endpoint}`,
  };
}

/** `weibao calendar import YEAR FILE`: enters a year as a vendor admin would on the page. */
export async function importCalendarYear(args: string[]): Promise<number> {
  const [yearArg, file, ...rest] = args;
  if (!yearArg || !/^\d{4}$/.test(yearArg) || !file || file.startsWith('--'))
    throw new UsageError(`give the year and the file; usage: ${importUsageLine}`);
  const options = parseOptions(rest, ['notice', 'notice-date'], importUsageLine);
  const year = Number(yearArg);
  const days = await readDays(file, year);
  const notice = options.notice ?? days.notice;
  if (!notice)
    throw new UsageError(
      `name the State Council notice the dates come from: --notice "国务院办公厅关于${year}年部分节假日安排的通知"`,
    );
  const input: CalendarYearInput = {
    notice,
    noticeDate: options['notice-date'] ?? days.noticeDate ?? null,
    holidays: days.holidays,
    makeUpWorkdays: days.makeUpWorkdays,
  };
  // Checked before anything is written, with the field that is wrong.
  try {
    checkCalendarYear(year, input);
  } catch (err) {
    if (err instanceof AppError)
      throw new UsageError(
        `${file}: ${err.message}${err.extra.path ? ` (at ${err.extra.path})` : ''}`,
      );
    throw err;
  }
  const target = tableTarget();
  const local = target.endpoint !== undefined && !process.env.TABLE_NAME;
  const planning = schedulesFor(process.env, local);
  const ulid = monotonicFactory();
  const deps: PlanningDeps = {
    db: target.db,
    clock: systemClock,
    ids: { next: () => ulid() },
    ...(planning ? { schedules: planning.schedules } : {}),
  };
  const operator = userInfo().username || 'operator';
  try {
    console.error(`weibao calendar import: ${target.describe}`);
    const before = await calendarYear(target.db, year);
    const out = await makeEnterCalendarYear(deps)(
      {
        sub: `cli:${operator}`,
        email: null,
        role: 'vendor-admin',
        hospitalId: null,
        name: operator,
      },
      year,
      { ...input, version: before?.version ?? 0 },
    );
    console.log(
      `${year}: ${out.year.holidays.length} holidays and ${out.year.makeUpWorkdays.length} make-up working days from ${out.year.notice} (version ${out.year.version}); ` +
        `${out.replanned.contracts} contracts planned again, ${out.replanned.changed} obligations changed; ` +
        (planning
          ? `reminders set on ${planning.where}`
          : 'reminders NOT set: give SCHEDULE_GROUP, OBLIGATION_TIMER_ARN, SCHEDULER_ROLE_ARN and TIMER_DLQ_ARN as the API functions have them, or enter the year on the calendar page'),
    );
    return 0;
  } catch (err) {
    if (unreachable(err))
      throw new UsageError(
        `cannot reach the ${target.describe}: is \`npm start\` running (or TABLE_NAME set for AWS)?`,
      );
    if (err instanceof AppError) throw new UsageError(err.message);
    throw err;
  } finally {
    target.close();
    planning?.client.destroy();
  }
}
