import {
  GetScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { ticketWithSlaSchema } from '@weibao/api';
import { slaTimerScheduleName } from '@weibao/adapters';
import { dynamoDbLocalClient } from '@weibao/local';
import { keys, makeDb, ticketById } from '@weibao/store';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTestStack } from '../support/stack.ts';

// Timers without reading them back (issue 19): a change moves the Scheduler from the points its
// previous version stored to its own, and a plan the Scheduler refuses goes to the outbox, which
// the timer-retry job (every minute) plans in full. The stack puts its functions' variables into
// this process, so the handler below runs here exactly as the stand-in would run it.
const stack = await useTestStack();
const scheduler = new SchedulerClient({});
const db = makeDb(stack.env.tableName, dynamoDbLocalClient(stack.env.endpoints.dynamodb));
afterAll(() => scheduler.destroy());
// No schedule fires between a test's steps: the minute's retry job would race what it looks at.
beforeEach(() => stack.scheduler.hold());
afterEach(() => {
  stack.scheduler.throttle(false);
  stack.scheduler.startFiring();
});

const engineer = 'engineer@vendor.example';

const json = (email: string | null, method: string, path: string, body?: unknown) =>
  stack.jsonAs(email, method, path, body);

/** A fatal fault reported by phone a minute ago: response, on-site and resolution points ahead. */
async function phoneReport(title: string) {
  const res = await json(engineer, 'POST', '/api/hospitals/whzx/tickets', {
    kind: 'fault',
    severity: 'fatal',
    channel: 'phone',
    subsystemId: 's1',
    title,
    description: '医嘱无法提交，全院停用',
    reporter: { name: '刘洋', phone: '027-00000000' },
    reportedAt: new Date(stack.now() - 60_000).toISOString(),
  });
  return res;
}

/** Which of the ticket's stored points have a schedule on the Scheduler, by name. */
async function schedulesOf(ticketId: string): Promise<{ planned: string[]; existing: string[] }> {
  const ticket = await ticketById(db, 'whzx', ticketId, true);
  const planned = (ticket?.timerPoints ?? []).map((p) =>
    slaTimerScheduleName(ticketId, p.clock, p.point),
  );
  const existing: string[] = [];
  for (const name of planned) {
    try {
      await scheduler.send(new GetScheduleCommand({ GroupName: 'weibao', Name: name }));
      existing.push(name);
    } catch (err) {
      if (!(err instanceof ResourceNotFoundException)) throw err;
    }
  }
  return { planned, existing };
}

const retryOf = async (ticketId: string) =>
  (
    await db.doc.send(
      new GetCommand({
        TableName: db.tableName,
        Key: keys.timerRetry('whzx', ticketId),
        ConsistentRead: true,
      }),
    )
  ).Item;

describe('SLA timers without reading them back', () => {
  it('answers 201 while the Scheduler throttles, keeps the ticket and a retry, and the retry job plans every timer once the Scheduler answers again', async () => {
    // Prepare: the Scheduler refuses every request
    stack.scheduler.throttle(true);

    // Act: a fatal report and the engineer's first reply, both while throttled
    const created = await phoneReport('门诊收费系统宕机（调度限流测试）');
    expect(created.status).toBe(201);
    const ticket = ticketWithSlaSchema.parse(created.body).ticket;
    const commented = await json(
      engineer,
      'POST',
      `/api/hospitals/whzx/tickets/${ticket.id}/events`,
      {
        type: 'comment',
        version: ticket.version,
        text: '已收到，正在联系信息中心。',
      },
    );

    // Assess: both stored and answered 2xx, no timer exists, the outbox holds the retry
    expect(commented.status).toBe(201);
    stack.scheduler.throttle(false);
    const stored = await ticketById(db, 'whzx', ticket.id, true);
    expect(stored?.version).toBeGreaterThan(ticket.version);
    const before = await schedulesOf(ticket.id);
    expect(before.planned.length).toBeGreaterThanOrEqual(3);
    expect(before.existing).toEqual([]);
    expect(await retryOf(ticket.id)).toMatchObject({ itemType: 'TimerRetry', ticketId: ticket.id });

    // Act: the minute's retry job
    const { handler } = await import('../../functions/timers/timer-retry.ts');
    const run = await handler({}, {} as never);

    // Assess: every stored point has its schedule and the retry is gone
    expect(run).toMatchObject({ planned: 1, failed: 0 });
    const after = await schedulesOf(ticket.id);
    expect(after.existing).toEqual(after.planned);
    expect(await retryOf(ticket.id)).toBeUndefined();
  }, 60_000);

  it('keeps the retry while the Scheduler still throttles, and the next run plans it', async () => {
    stack.scheduler.throttle(true);
    const created = await phoneReport('检验系统中断（限流持续测试）');
    expect(created.status).toBe(201);
    const ticket = ticketWithSlaSchema.parse(created.body).ticket;
    const { handler } = await import('../../functions/timers/timer-retry.ts');

    const stillThrottled = await handler({}, {} as never);
    expect(stillThrottled.failed).toBeGreaterThanOrEqual(1);
    stack.scheduler.throttle(false);
    expect(await retryOf(ticket.id)).toBeDefined();

    await handler({}, {} as never);
    const after = await schedulesOf(ticket.id);
    expect(after.existing).toEqual(after.planned);
    expect(after.planned.length).toBeGreaterThanOrEqual(3);
    expect(await retryOf(ticket.id)).toBeUndefined();
  }, 60_000);

  it('moves the timers of a change without a single GetSchedule: a new ticket creates its points, a response deletes the response clock’s', async () => {
    const start = stack.scheduler.requests();
    const created = await phoneReport('影像系统无法调阅（不回读测试）');
    expect(created.status).toBe(201);
    const ticket = ticketWithSlaSchema.parse(created.body).ticket;
    const opened = await schedulesOf(ticket.id);
    expect(opened.existing).toEqual(opened.planned);
    const responsePoints = opened.planned.filter((n) => n.includes('-response-'));
    expect(responsePoints.length).toBeGreaterThan(0);
    const mid = stack.scheduler.requests();

    const responded = await json(
      engineer,
      'POST',
      `/api/hospitals/whzx/tickets/${ticket.id}/events`,
      {
        type: 'response',
        version: ticket.version,
        text: '已响应，工程师远程排查中。',
      },
    );
    expect(responded.status).toBe(201);
    const end = stack.scheduler.requests();

    // The writes read nothing back; the only GetSchedules are this test's own (schedulesOf)
    expect((mid['GetSchedule:sla'] ?? 0) - (start['GetSchedule:sla'] ?? 0)).toBe(
      opened.planned.length,
    );
    expect((end['GetSchedule:sla'] ?? 0) - (mid['GetSchedule:sla'] ?? 0)).toBe(0);
    // The response deletes the response clock's points and creates nothing
    expect((end['DeleteSchedule:sla'] ?? 0) - (mid['DeleteSchedule:sla'] ?? 0)).toBe(
      responsePoints.length,
    );
    expect((end['CreateSchedule:sla'] ?? 0) - (mid['CreateSchedule:sla'] ?? 0)).toBe(0);
    const now = await schedulesOf(ticket.id);
    expect(now.planned.some((n) => n.includes('-response-'))).toBe(false);
    expect(now.existing).toEqual(now.planned);
  }, 60_000);
});
