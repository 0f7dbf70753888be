import {
  GetScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  paginateListSchedules,
} from '@aws-sdk/client-scheduler';
import type { SlaTimerPayload } from '@weibao/api';
import { startSchedulerLocal, type SchedulerLocal } from '@weibao/local';
import type { SlaTimerPoint } from '@weibao/usecases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeSchedulerTimers,
  makeSchedulerTimersFromEnv,
  slaTimerScheduleName,
  slaTimerScheduleNames,
} from './scheduler-timers.ts';

const region = 'us-east-1';
const config = {
  groupName: 'weibao',
  targetArn: 'arn:aws:lambda:us-east-1:000000000000:function:weibao-local-sla-timer',
  roleArn: 'arn:aws:iam::000000000000:role/weibao-local-scheduler',
  deadLetterArn: 'arn:aws:sqs:us-east-1:000000000000:weibao-local-timer-dead-letters',
};
const hospitalId = 'whzx';
const fired: unknown[] = [];

let scheduler: SchedulerLocal;
let client: SchedulerClient;
let ticketCount = 0;

/** A fresh 26-character ULID-shaped ticket id per test. */
function newTicket() {
  ticketCount += 1;
  return { hospitalId, ticketId: `01JTEST${String(ticketCount).padStart(19, '0')}` };
}

beforeAll(async () => {
  scheduler = await startSchedulerLocal({
    port: 0,
    region,
    invoke: async (_functionName, event) => {
      fired.push(event);
    },
  });
  await scheduler.ensureGroup('weibao');
  client = new SchedulerClient({
    region,
    endpoint: scheduler.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  client?.destroy();
  await scheduler?.stop();
});

/** The ticket's schedules as the Scheduler holds them: name → expression and payload. */
async function schedulesOf(ticketId: string) {
  const found: Record<string, { expression: string; payload: SlaTimerPayload; modified: number }> =
    {};
  for await (const page of paginateListSchedules(
    { client },
    { GroupName: 'weibao', NamePrefix: `sla-${ticketId}-` },
  )) {
    for (const s of page.Schedules ?? []) {
      const full = await client.send(new GetScheduleCommand({ Name: s.Name, GroupName: 'weibao' }));
      found[s.Name as string] = {
        expression: full.ScheduleExpression as string,
        payload: JSON.parse(full.Target?.Input as string) as SlaTimerPayload,
        modified: full.LastModificationDate?.getTime() as number,
      };
    }
  }
  return found;
}

const future = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

describe('makeSchedulerTimers', () => {
  it('names each timer after its ticket, clock and point, within the Scheduler’s rules', () => {
    const names = slaTimerScheduleNames('01JBCDEFGHJKMNPQRSTVWXYZ00');
    expect(names).toHaveLength(9);
    expect(new Set(names).size).toBe(9);
    for (const name of names) {
      expect(name).toMatch(/^[0-9a-zA-Z-_.]{1,64}$/);
    }
    expect(slaTimerScheduleName('01JBCDEFGHJKMNPQRSTVWXYZ00', 'on-site', 'at-risk')).toBe(
      'sla-01JBCDEFGHJKMNPQRSTVWXYZ00-on-site-at-risk',
    );
    expect(() => slaTimerScheduleName('../other', 'response', 'breach')).toThrow(/ULID/);
  });

  it('creates one exact, self-deleting UTC at() schedule per point, carrying the timer payload', async () => {
    // Prepare
    const timers = makeSchedulerTimers(client, config);
    const ticket = newTicket();
    const at = '2030-05-06T07:08:09.250Z';

    // Act
    await timers.replace(ticket, [{ clock: 'response', point: 'breach', at }]);

    // Assess
    const s = await client.send(
      new GetScheduleCommand({
        Name: slaTimerScheduleName(ticket.ticketId, 'response', 'breach'),
        GroupName: 'weibao',
      }),
    );
    expect(s).toMatchObject({
      // Rounded up: a timer never runs before its deadline.
      ScheduleExpression: 'at(2030-05-06T07:08:10)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
      Target: {
        Arn: config.targetArn,
        RoleArn: config.roleArn,
        DeadLetterConfig: { Arn: config.deadLetterArn },
        RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 3600 },
      },
    });
    expect(JSON.parse(s.Target?.Input as string)).toEqual({
      kind: 'sla-timer',
      hospitalId,
      ticketId: ticket.ticketId,
      clock: 'response',
      point: 'breach',
      at,
    });
  });

  it('is idempotent: the same points twice leave the same schedules, untouched', async () => {
    // Prepare
    const timers = makeSchedulerTimers(client, config);
    const ticket = newTicket();
    const points: SlaTimerPoint[] = [
      { clock: 'response', point: 'at-risk', at: future(1) },
      { clock: 'response', point: 'breach', at: future(2) },
      { clock: 'resolution', point: 'breach', at: future(48) },
    ];

    // Act
    await timers.replace(ticket, points);
    const first = await schedulesOf(ticket.ticketId);
    await new Promise((r) => setTimeout(r, 20));
    await timers.replace(ticket, points);
    const second = await schedulesOf(ticket.ticketId);

    // Assess
    expect(Object.keys(first)).toHaveLength(3);
    expect(second).toEqual(first);
  });

  it('re-plans: moved points are updated, dropped points deleted, new points created', async () => {
    // Prepare
    const timers = makeSchedulerTimers(client, config);
    const ticket = newTicket();
    await timers.replace(ticket, [
      { clock: 'response', point: 'at-risk', at: '2030-01-01T01:00:00.000Z' },
      { clock: 'response', point: 'breach', at: '2030-01-01T02:00:00.000Z' },
      { clock: 'on-site', point: 'breach', at: '2030-01-02T00:00:00.000Z' },
    ]);

    // Act: the response came; resolution was paused and its deadline moved
    await timers.replace(ticket, [
      { clock: 'on-site', point: 'breach', at: '2030-01-03T00:00:00.000Z' },
      { clock: 'resolution', point: 'breach', at: '2030-01-10T00:00:00.000Z' },
    ]);

    // Assess
    const after = await schedulesOf(ticket.ticketId);
    expect(
      Object.fromEntries(Object.entries(after).map(([name, s]) => [name, s.expression])),
    ).toEqual({
      [slaTimerScheduleName(ticket.ticketId, 'on-site', 'breach')]: 'at(2030-01-03T00:00:00)',
      [slaTimerScheduleName(ticket.ticketId, 'resolution', 'breach')]: 'at(2030-01-10T00:00:00)',
    });
  });

  it('plans a new ticket’s timers without reading any back, and takes over one an earlier try of the creation made', async () => {
    // Prepare: the commands this client sends
    const sent: string[] = [];
    const counted = new SchedulerClient({
      region,
      endpoint: scheduler.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    counted.middlewareStack.add(
      (next, context) => (args) => {
        sent.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize' },
    );
    const timers = makeSchedulerTimers(counted, config);
    const ticket = newTicket();
    // An earlier try of the same creation got as far as one timer, at another time.
    await makeSchedulerTimers(client, config).replace(ticket, [
      { clock: 'response', point: 'breach', at: '2030-01-01T03:00:00.000Z' },
    ]);

    // Act
    try {
      await timers.replace(
        ticket,
        [
          { clock: 'response', point: 'at-risk', at: '2030-01-01T01:00:00.000Z' },
          { clock: 'response', point: 'breach', at: '2030-01-01T02:00:00.000Z' },
        ],
        { newTicket: true },
      );
    } finally {
      counted.destroy();
    }

    // Assess: no GetSchedule; the earlier try's timer now holds this plan's time
    expect(sent.filter((c) => c === 'GetScheduleCommand')).toEqual([]);
    expect(sent.filter((c) => c === 'CreateScheduleCommand')).toHaveLength(2);
    const after = await schedulesOf(ticket.ticketId);
    expect(
      Object.fromEntries(Object.entries(after).map(([name, s]) => [name, s.expression])),
    ).toEqual({
      [slaTimerScheduleName(ticket.ticketId, 'response', 'at-risk')]: 'at(2030-01-01T01:00:00)',
      [slaTimerScheduleName(ticket.ticketId, 'response', 'breach')]: 'at(2030-01-01T02:00:00)',
    });
  });

  it('deletes every timer of a ticket when no point is left', async () => {
    const timers = makeSchedulerTimers(client, config);
    const ticket = newTicket();
    await timers.replace(ticket, [{ clock: 'response', point: 'breach', at: future(1) }]);
    await timers.replace(ticket, []);
    await timers.replace(ticket, []);
    expect(await schedulesOf(ticket.ticketId)).toEqual({});
  });

  it('schedules a point that has already passed a second from now, keeping its deadline in the payload, and it fires', async () => {
    // Prepare
    const now = Date.parse('2030-01-01T00:00:00.400Z');
    const timers = makeSchedulerTimers(client, { ...config, now: () => now });
    const ticket = newTicket();

    // Act
    await timers.replace(ticket, [
      { clock: 'response', point: 'breach', at: '2029-12-31T23:00:00.000Z' },
    ]);
    const planned = await schedulesOf(ticket.ticketId);
    const realTimers = makeSchedulerTimers(client, config);
    const other = newTicket();
    await realTimers.replace(other, [
      { clock: 'resolution', point: 'at-risk', at: '2020-01-01T00:00:00.000Z' },
    ]);
    const deadline = Date.now() + 4_000;
    while (!fired.some((e) => (e as SlaTimerPayload).ticketId === other.ticketId)) {
      if (Date.now() > deadline) throw new Error('the past point did not fire');
      await new Promise((r) => setTimeout(r, 50));
    }

    // Assess
    expect(Object.values(planned)).toMatchObject([
      {
        expression: 'at(2030-01-01T00:00:02)',
        payload: { at: '2029-12-31T23:00:00.000Z', point: 'breach' },
      },
    ]);
    expect(fired).toContainEqual(
      expect.objectContaining({ ticketId: other.ticketId, at: '2020-01-01T00:00:00.000Z' }),
    );
    await expect(
      client.send(
        new GetScheduleCommand({
          Name: slaTimerScheduleName(other.ticketId, 'resolution', 'at-risk'),
          GroupName: 'weibao',
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('refuses a point planned twice or a time that is not an instant', async () => {
    const timers = makeSchedulerTimers(client, config);
    const ticket = newTicket();
    await expect(
      timers.replace(ticket, [
        { clock: 'response', point: 'breach', at: future(1) },
        { clock: 'response', point: 'breach', at: future(2) },
      ]),
    ).rejects.toThrow(/planned twice/);
    await expect(
      timers.replace(ticket, [{ clock: 'response', point: 'breach', at: 'tomorrow' }]),
    ).rejects.toThrow(/not an instant/);
  });
});

describe('makeSchedulerTimersFromEnv', () => {
  it('reads the four timer variables and names the missing ones', async () => {
    const env = {
      SCHEDULE_GROUP: config.groupName,
      SLA_TIMER_ARN: config.targetArn,
      SCHEDULER_ROLE_ARN: config.roleArn,
      TIMER_DLQ_ARN: config.deadLetterArn,
    };
    const timers = makeSchedulerTimersFromEnv(client, env);
    const ticket = newTicket();
    await timers.replace(ticket, [{ clock: 'response', point: 'at-risk', at: future(1) }]);
    expect(Object.keys(await schedulesOf(ticket.ticketId))).toHaveLength(1);

    expect(() => makeSchedulerTimersFromEnv(client, { SCHEDULE_GROUP: 'weibao' })).toThrow(
      'SLA_TIMER_ARN, SCHEDULER_ROLE_ARN, TIMER_DLQ_ARN not set',
    );
  });
});
