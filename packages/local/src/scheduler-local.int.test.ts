import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConflictException,
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
  ValidationException,
  paginateListSchedules,
  type CreateScheduleCommandInput,
} from '@aws-sdk/client-scheduler';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  startSchedulerLocal,
  type SchedulerLocal,
  type SchedulerLocalOptions,
} from './scheduler-local.ts';

const region = 'us-east-1';
const targetArn = 'arn:aws:lambda:us-east-1:000000000000:function:weibao-local-sla-timer';
const roleArn = 'arn:aws:iam::000000000000:role/weibao-local-scheduler';
const dlqArn = 'arn:aws:sqs:us-east-1:000000000000:weibao-local-timer-dead-letters';

const started: SchedulerLocal[] = [];
const clients: SchedulerClient[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const s of started.splice(0)) await s.stop();
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  for (const f of folders) await rm(f, { recursive: true, force: true });
});

interface Call {
  functionName: string;
  event: unknown;
  at: number;
}

/** A stand-in on a free port whose Lambda targets are recorded (and fail while `failing` is set). */
async function standIn(options: Partial<SchedulerLocalOptions> = {}) {
  const calls: Call[] = [];
  const control = { failing: false };
  const scheduler = await startSchedulerLocal({
    port: 0,
    region,
    invoke: async (functionName, event) => {
      calls.push({ functionName, event, at: Date.now() });
      if (control.failing) throw new Error('the handler failed');
    },
    ...options,
  });
  started.push(scheduler);
  const client = new SchedulerClient({
    region,
    endpoint: scheduler.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  clients.push(client);
  return { scheduler, client, calls, control };
}

/** at(yyyy-mm-ddThh:mm:ss) for an instant, rounded up to the second as the expression needs. */
function atExpression(ms: number): { expression: string; instant: number } {
  const instant = Math.ceil(ms / 1000) * 1000;
  return { expression: `at(${new Date(instant).toISOString().slice(0, 19)})`, instant };
}

function oneTime(
  name: string,
  expression: string,
  extra: Partial<CreateScheduleCommandInput> = {},
) {
  return new CreateScheduleCommand({
    Name: name,
    ScheduleExpression: expression,
    ScheduleExpressionTimezone: 'UTC',
    FlexibleTimeWindow: { Mode: 'OFF' },
    ActionAfterCompletion: 'DELETE',
    Target: {
      Arn: targetArn,
      RoleArn: roleArn,
      Input: JSON.stringify({ kind: 'sla-timer', name }),
      RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
      DeadLetterConfig: { Arn: dlqArn },
    },
    ...extra,
  });
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the Scheduler stand-in’s API', () => {
  it('creates, reads, updates and deletes a schedule the way the SDK expects', async () => {
    // Prepare
    const { client } = await standIn({ firing: false });
    await client.send(new CreateScheduleGroupCommand({ Name: 'weibao' }));

    // Act
    const created = await client.send(
      oneTime('sla-a', 'at(2030-01-01T00:00:00)', { GroupName: 'weibao' }),
    );
    const read = await client.send(new GetScheduleCommand({ Name: 'sla-a', GroupName: 'weibao' }));
    await client.send(
      new UpdateScheduleCommand({
        Name: 'sla-a',
        GroupName: 'weibao',
        ScheduleExpression: 'cron(0 9 ? * MON-FRI *)',
        ScheduleExpressionTimezone: 'Asia/Shanghai',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: { Arn: targetArn, RoleArn: roleArn, Input: '{"changed":true}' },
      }),
    );
    const updated = await client.send(
      new GetScheduleCommand({ Name: 'sla-a', GroupName: 'weibao' }),
    );
    await client.send(new DeleteScheduleCommand({ Name: 'sla-a', GroupName: 'weibao' }));

    // Assess
    expect(created.ScheduleArn).toBe(
      'arn:aws:scheduler:us-east-1:000000000000:schedule/weibao/sla-a',
    );
    expect(read).toMatchObject({
      Name: 'sla-a',
      GroupName: 'weibao',
      ScheduleExpression: 'at(2030-01-01T00:00:00)',
      ScheduleExpressionTimezone: 'UTC',
      State: 'ENABLED',
      ActionAfterCompletion: 'DELETE',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: targetArn,
        RoleArn: roleArn,
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: dlqArn },
      },
    });
    expect(read.CreationDate).toBeInstanceOf(Date);
    expect(updated).toMatchObject({
      ScheduleExpression: 'cron(0 9 ? * MON-FRI *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      ActionAfterCompletion: 'NONE',
      Target: { Input: '{"changed":true}' },
    });
    await expect(
      client.send(new GetScheduleCommand({ Name: 'sla-a', GroupName: 'weibao' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('answers with the exception classes the SDK throws on AWS', async () => {
    const { client } = await standIn({ firing: false });
    await client.send(oneTime('twice', 'at(2030-01-01T00:00:00)'));

    const errors = await Promise.all(
      [
        oneTime('twice', 'at(2030-01-01T00:00:00)'),
        new DeleteScheduleCommand({ Name: 'never-made' }),
        new GetScheduleCommand({ Name: 'twice', GroupName: 'no-such-group' }),
        oneTime('in-no-group', 'at(2030-01-01T00:00:00)', { GroupName: 'no-such-group' }),
        oneTime('bad-expression', 'at(2030-13-01T00:00:00)'),
        oneTime('bad-zone', 'cron(0 9 * * ? *)', { ScheduleExpressionTimezone: 'Mars/Olympus' }),
        oneTime('bad name!', 'at(2030-01-01T00:00:00)'),
        new GetScheduleGroupCommand({ Name: 'no-such-group' }),
      ].map((command) =>
        client.send(command as never).then(
          () => undefined,
          (err: unknown) => err,
        ),
      ),
    );

    expect(errors.map((e) => (e as Error | undefined)?.constructor)).toEqual([
      ConflictException,
      ResourceNotFoundException,
      ResourceNotFoundException,
      ResourceNotFoundException,
      ValidationException,
      ValidationException,
      ValidationException,
      ResourceNotFoundException,
    ]);
    expect((errors[0] as Error).message).toBe('Schedule twice already exists.');
    expect((errors[4] as Error).message).toContain('at(2030-13-01T00:00:00)');
  });

  it('lists a group’s schedules by name prefix, page by page', async () => {
    // Prepare
    const { client } = await standIn({ firing: false });
    await client.send(new CreateScheduleGroupCommand({ Name: 'weibao' }));
    for (const name of ['sla-T1-a', 'sla-T1-b', 'sla-T1-c', 'sla-T2-a']) {
      await client.send(oneTime(name, 'at(2030-01-01T00:00:00)', { GroupName: 'weibao' }));
    }
    await client.send(oneTime('sla-T1-elsewhere', 'at(2030-01-01T00:00:00)'));

    // Act
    const pages = [];
    for await (const page of paginateListSchedules(
      { client, pageSize: 2 },
      { GroupName: 'weibao', NamePrefix: 'sla-T1-' },
    )) {
      pages.push(page.Schedules?.map((s) => s.Name));
    }

    // Assess
    expect(pages).toEqual([['sla-T1-a', 'sla-T1-b'], ['sla-T1-c']]);
  });
});

describe('the Scheduler stand-in’s clock', () => {
  it('fires an at() schedule once, within a second of its time, and deletes it after', async () => {
    // Prepare
    const { client, calls, scheduler } = await standIn();
    const { expression, instant } = atExpression(Date.now() + 1200);

    // Act
    await client.send(oneTime('soon', expression));
    await until(() => calls.length > 0, 5_000);
    await new Promise((r) => setTimeout(r, 600));

    // Assess
    expect(calls).toHaveLength(1);
    const lateness = (calls[0] as Call).at - instant;
    expect(lateness).toBeGreaterThanOrEqual(0);
    expect(lateness).toBeLessThan(1000);
    expect(calls[0]).toMatchObject({
      functionName: 'weibao-local-sla-timer',
      event: { kind: 'sla-timer', name: 'soon' },
    });
    expect(scheduler.invocations()).toMatchObject([
      { name: 'soon', attempt: 1, outcome: 'succeeded', dueAt: new Date(instant).toISOString() },
    ]);
    await expect(client.send(new GetScheduleCommand({ Name: 'soon' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    console.log(`[measured] at() lateness ${lateness} ms`);
  });

  it('runs an at() time that has already passed at once', async () => {
    const { client, calls } = await standIn();
    await client.send(oneTime('late', 'at(2020-01-01T00:00:00)'));
    await until(() => calls.length > 0, 2_000);
    expect(calls[0]?.event).toEqual({ kind: 'sla-timer', name: 'late' });
  });

  it('holds: a schedule due while held waits for startFiring, and hold waits for a running attempt', async () => {
    // Prepare: a target that takes 300 ms, running when hold() is called
    let finished = 0;
    const { client, calls, scheduler } = await standIn({
      invoke: async (functionName, event) => {
        calls.push({ functionName, event, at: Date.now() });
        await new Promise((r) => setTimeout(r, 300));
        finished += 1;
      },
    });
    await client.send(oneTime('running', 'at(2020-01-01T00:00:00)'));
    await until(() => calls.length > 0, 2_000);

    // Act
    await scheduler.hold();
    const finishedWhenHeld = finished;
    await client.send(oneTime('held', 'at(2020-01-01T00:00:00)'));
    await new Promise((r) => setTimeout(r, 500));
    const callsWhileHeld = calls.length;
    scheduler.startFiring();
    await until(() => calls.length > 1, 2_000);

    // Assess
    expect(finishedWhenHeld).toBe(1);
    expect(callsWhileHeld).toBe(1);
    expect(calls.map((c) => (c.event as { name: string }).name)).toEqual(['running', 'held']);
  });

  it('retries a throwing target per its RetryPolicy, then dead-letters the event and deletes the schedule', async () => {
    // Prepare
    const { client, calls, control, scheduler } = await standIn({ retryBaseDelayMs: 50 });
    control.failing = true;

    // Act (due now: an event older than MaximumEventAgeInSeconds gets no retries)
    await client.send(oneTime('broken', atExpression(Date.now()).expression));
    await until(() => scheduler.deadLetters().length > 0, 5_000);

    // Assess: 1 attempt + MaximumRetryAttempts 2
    expect(calls).toHaveLength(3);
    expect((calls[2] as Call).at - (calls[1] as Call).at).toBeGreaterThanOrEqual(90);
    expect(scheduler.deadLetters()).toMatchObject([
      {
        name: 'broken',
        targetArn,
        deadLetterArn: dlqArn,
        attempts: 3,
        error: 'Error: the handler failed',
        input: JSON.stringify({ kind: 'sla-timer', name: 'broken' }),
      },
    ]);
    await expect(client.send(new GetScheduleCommand({ Name: 'broken' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it('keeps schedules across a restart from its data file and fires them afterwards', async () => {
    // Prepare
    const dataDir = await mkdtemp(join(tmpdir(), 'weibao-scheduler-'));
    folders.push(dataDir);
    const first = await standIn({ dataDir, firing: false });
    const { expression, instant } = atExpression(Date.now() + 1500);
    await first.client.send(oneTime('survivor', expression));
    await first.scheduler.stop();

    // Act
    const second = await standIn({ dataDir });
    await until(() => second.calls.length > 0, 5_000);

    // Assess
    expect(second.calls[0]?.event).toEqual({ kind: 'sla-timer', name: 'survivor' });
    expect((second.calls[0] as Call).at - instant).toBeLessThan(1000);
    const stored = async () =>
      (JSON.parse(await readFile(join(dataDir, 'schedules.json'), 'utf8')) as { schedules: [] })
        .schedules.length;
    const deadline = Date.now() + 2_000;
    while ((await stored()) > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(await stored()).toBe(0);
  });

  it('fires each due time of a recurring schedule exactly once, however often it is asked (injected clock)', async () => {
    // Prepare: Monday 2026-03-09 00:59:30 UTC, 08:59:30 in Shanghai
    let clock = Date.parse('2026-03-09T00:59:30Z');
    const { client, calls, scheduler } = await standIn({ firing: false, now: () => clock });
    await client.send(
      new CreateScheduleCommand({
        Name: 'morning-reminder',
        ScheduleExpression: 'cron(0 9 ? * MON-FRI *)',
        ScheduleExpressionTimezone: 'Asia/Shanghai',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: { Arn: targetArn, RoleArn: roleArn, Input: '{"kind":"reminder"}' },
      }),
    );

    // Act
    await scheduler.tick();
    const beforeNine = calls.length;
    clock = Date.parse('2026-03-09T01:00:00Z');
    await scheduler.tick();
    await scheduler.tick();
    clock = Date.parse('2026-03-09T01:00:40Z');
    await scheduler.tick();
    clock = Date.parse('2026-03-10T01:00:00Z');
    await scheduler.tick();

    // Assess
    expect(beforeNine).toBe(0);
    expect(scheduler.invocations().map((i) => i.dueAt)).toEqual([
      '2026-03-09T01:00:00.000Z',
      '2026-03-10T01:00:00.000Z',
    ]);
    expect(calls.map((c) => c.event)).toEqual([{ kind: 'reminder' }, { kind: 'reminder' }]);
    // A recurring schedule stays.
    await expect(
      client.send(new GetScheduleCommand({ Name: 'morning-reminder' })),
    ).resolves.toMatchObject({
      State: 'ENABLED',
    });
  });

  it('lets an update made while a one-time schedule runs survive the run', async () => {
    // Prepare
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let clock = Date.parse('2026-03-09T00:00:00Z');
    const { client, scheduler } = await standIn({
      firing: false,
      now: () => clock,
      invoke: () => gate,
    });
    await client.send(oneTime('moving', 'at(2026-03-09T00:00:00)'));

    // Act: the run starts, the time is moved while it runs, then the run ends
    const running = scheduler.tick();
    await client.send(
      new UpdateScheduleCommand({
        Name: 'moving',
        ScheduleExpression: 'at(2026-03-09T02:00:00)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: { Arn: targetArn, RoleArn: roleArn },
      }),
    );
    release();
    await running;
    clock = Date.parse('2026-03-09T02:00:00Z');
    await scheduler.tick();

    // Assess
    expect(scheduler.invocations().map((i) => i.dueAt)).toEqual([
      '2026-03-09T00:00:00.000Z',
      '2026-03-09T02:00:00.000Z',
    ]);
    await expect(client.send(new GetScheduleCommand({ Name: 'moving' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });
});
