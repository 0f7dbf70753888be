import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { listOf, obligationSchema } from '@weibao/api';
import { calendarDaysFromIcs, makeWorkingDayCalendar } from '@weibao/domain';
import { afterAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { command as calendarCommand } from '../../packages/cli/src/commands/calendar.ts';
import { ics2027 } from '../support/calendar-2027.ts';
import { useTestStack } from '../support/stack.ts';
import { dynamoDbLocalClient } from '@weibao/local';
import { allPages, contractsOfHospital, makeDb } from '@weibao/store';
import { missingCalendarYear } from '@weibao/usecases';

// The stack puts its functions' variables into this process: TABLE_NAME, the endpoints and the
// Scheduler's, so the command below works on this stack exactly as it does beside `npm start`.
const stack = await useTestStack();
const scheduler = new SchedulerClient({});
const dir = await mkdtemp(join(tmpdir(), 'weibao-calendar-'));
afterAll(async () => {
  scheduler.destroy();
  await rm(dir, { recursive: true, force: true });
});

const admin = 'admin@vendor.example';
const deps = { db: makeDb(stack.env.tableName, dynamoDbLocalClient(stack.env.endpoints.dynamodb)) };
const demoContract = '01KAW00000000000000000WHZX';
// The hospitals' contracts as the overview reads them, for the calendar warning.
const contractsOf = async (...hospitalIds: string[]) =>
  (
    await Promise.all(
      hospitalIds.map((h) =>
        allPages((cursor) => contractsOfHospital(deps.db, h, cursor ? { cursor } : {})),
      ),
    )
  ).flat();
const obligations = async () => {
  const res = await stack.fetchAs(
    'manager@vendor.example',
    `/api/hospitals/whzx/contracts/${demoContract}/obligations`,
  );
  expect(res.status).toBe(200);
  return listOf(obligationSchema).parse(await res.json()).items;
};

async function run(args: string[]) {
  const out: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (line: string) => out.push(line);
  console.error = () => {};
  try {
    return { code: await calendarCommand.run(args), out: out.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
  }
}

describe('calendar years entered as data', () => {
  it('warns from 1 October, not before, that next year is missing while the demo contracts reach into it', async () => {
    expect(
      await missingCalendarYear(deps, await contractsOf('whzx', 'jcey'), '2026-09-30'),
    ).toBeNull();
    expect(
      await missingCalendarYear(deps, await contractsOf('whzx', 'jcey'), '2026-10-01'),
    ).toEqual({
      year: 2027,
      contracts: 2,
    });
    expect(await missingCalendarYear(deps, await contractsOf('jcey'), '2026-12-31')).toEqual({
      year: 2027,
      contracts: 1,
    });
    // A year the package has is never missing.
    expect(await missingCalendarYear(deps, await contractsOf('whzx'), '2025-11-01')).toBeNull();
  });

  it('gives the demo contract’s 2027 obligations and its final payment due dates on working days once 2027 is imported from an ICS file, reminders included, without a restart', async () => {
    // Prepare: before, 2027 is a gap in the package's calendar
    const before = await obligations();
    const waiting = before.filter((o) => o.dueOn === null);
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((o) => o.calendarGap?.year === 2027)).toBe(true);
    expect(waiting.map((o) => o.kind)).toContain('payment');
    const file = join(dir, '2027.ics');
    await writeFile(file, ics2027);

    // Act
    const { code, out } = await run(['import', '2027', file, '--notice', '测试用2027年节假日安排']);

    // Assess: every one that waited has a working day now, in the year as entered
    expect(code).toBe(0);
    expect(out).toMatch(/^2027: 31 holidays and 3 make-up working days .*version 1\)/);
    expect(out).toMatch(/1 contracts planned again|[1-9]\d* contracts planned again/);
    expect(out).toMatch(/reminders set on AWS/);
    const calendar = makeWorkingDayCalendar({
      vendorAdditions: [{ year: 2027, notice: 'test', ...calendarDaysFromIcs(ics2027, 2027) }],
    });
    const after = await obligations();
    for (const w of waiting) {
      const now = after.find((o) => o.id === w.id);
      expect(now?.dueOn, w.id).not.toBeNull();
      expect(now?.calendarGap ?? null, w.id).toBeNull();
      expect(calendar.isWorkingDay(now?.dueOn as string), `${w.id} due ${now?.dueOn}`).toBe(true);
    }
    // Nothing to warn of any more.
    expect(
      await missingCalendarYear(deps, await contractsOf('whzx', 'jcey'), '2026-10-01'),
    ).toBeNull();
    // The first one of 2027 that needs a reminder has its schedule on the Scheduler.
    const reminded = after.find((o) => waiting.some((w) => w.id === o.id) && o.kind !== 'payment');
    const schedule = await scheduler.send(
      new GetScheduleCommand({ GroupName: 'weibao', Name: `obl-${demoContract}-${reminded?.id}` }),
    );
    // Its first reminder: from now on, no later than the due date it now has.
    const at = /^at\((\d{4}-\d{2}-\d{2})T/.exec(schedule.ScheduleExpression ?? '')?.[1];
    expect(at, schedule.ScheduleExpression).toBeDefined();
    expect(at! >= new Date(stack.now()).toISOString().slice(0, 10)).toBe(true);
    expect(at! <= (reminded?.dueOn as string)).toBe(true);
  });

  it('takes the same year again from JSON as a new version that changes nothing, and refuses a file that is wrong with the field', async () => {
    const days = calendarDaysFromIcs(ics2027, 2027);
    const file = join(dir, '2027.json');
    await writeFile(
      file,
      JSON.stringify({ year: 2027, notice: '测试用2027年节假日安排', ...days }),
    );
    const again = await run(['import', '2027', file]);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/version 2\).* 0 obligations changed/);

    const weekday = join(dir, 'bad.json');
    await writeFile(
      weekday,
      JSON.stringify({
        notice: 'x',
        holidays: days.holidays,
        makeUpWorkdays: [{ date: '2027-03-10', name: '春节' }],
      }),
    );
    await expect(run(['import', '2027', weekday])).rejects.toThrow(
      /调休上班日必须是周六或周日.*makeUpWorkdays\.0\.date/,
    );
    await expect(run(['import', '2027', file, '--notice'])).rejects.toThrow(
      /--notice needs a value/,
    );
  });

  it('enters a year through the API for a vendor admin only, with 409 on an old version and the path of a wrong day', async () => {
    const put = (email: string, body: unknown) =>
      stack.fetchAs(email, '/api/calendar-years/2028', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const year = {
      notice: '测试用2028年节假日安排',
      noticeDate: '2027-11-05',
      holidays: [{ date: '2028-01-01', name: '元旦' }],
      makeUpWorkdays: [],
      version: 0,
    };
    expect((await put('it@whch.example', year)).status).toBe(403);
    expect((await put('manager@vendor.example', year)).status).toBe(403);
    const wrong = await put(admin, { ...year, holidays: [{ date: '2029-01-01', name: '元旦' }] });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(await wrong.json())).toContain('holidays.0.date');
    const created = await put(admin, year);
    expect(created.status).toBe(200);
    const body = z
      .object({
        year: z.object({ version: z.number() }),
        replanned: z.object({ contracts: z.number() }),
      })
      .parse(await created.json());
    expect(body.year.version).toBe(1);
    expect((await put(admin, year)).status).toBe(409);
    const list = await stack.fetchAs('manager@vendor.example', '/api/calendar-years');
    const years = z
      .object({ items: z.array(z.object({ year: z.number() })) })
      .parse(await list.json());
    expect(years.items.map((y) => y.year)).toEqual([2027, 2028]);
  });
});
