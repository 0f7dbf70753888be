import { randomUUID } from 'node:crypto';
import {
  CreateScheduleCommand,
  GetScheduleGroupCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ApiHandler } from './handler-loader.ts';
import { startLocalStack, type LocalStack } from './stack.ts';

const received: { event: unknown; context: Context; env: string | undefined }[] = [];

// Test-only loader: the SLA timer is this recorder; functions/ is never read.
const slaTimer = async (event: unknown, context: Context) => {
  received.push({ event, context, env: process.env.SCHEDULE_GROUP });
};

let stack: LocalStack;
let client: SchedulerClient;

beforeAll(async () => {
  stack = await startLocalStack({
    port: 0,
    inMemory: true,
    quiet: true,
    seed: false,
    dynamodbEndpoint: inject('dynamoEndpoint'),
    followStream: false,
    tableName: `local-timers-${randomUUID()}`,
    loadHandler: async (name) => {
      if (name !== 'timers/sla-timer') throw new Error(`unexpected handler ${name}`);
      return slaTimer as unknown as ApiHandler;
    },
  });
  client = new SchedulerClient({
    region: stack.env.region,
    endpoint: stack.env.endpoints.scheduler,
    credentials: stack.env.credentials,
  });
});

afterAll(async () => {
  client?.destroy();
  await stack?.stop();
});

describe('the local stack’s Scheduler', () => {
  it('has the weibao schedule group and tells handlers where it is', async () => {
    const group = await client.send(new GetScheduleGroupCommand({ Name: 'weibao' }));
    expect(group).toMatchObject({ Name: 'weibao', State: 'ACTIVE' });
    expect(stack.env.timers).toEqual({
      scheduleGroup: 'weibao',
      slaTimerArn: 'arn:aws:lambda:us-east-1:000000000000:function:weibao-local-sla-timer',
      obligationTimerArn:
        'arn:aws:lambda:us-east-1:000000000000:function:weibao-local-obligation-reminder',
      channelDeliveryArn:
        'arn:aws:lambda:us-east-1:000000000000:function:weibao-local-channel-delivery',
      schedulerRoleArn: 'arn:aws:iam::000000000000:role/weibao-local-scheduler',
      deadLetterArn: 'arn:aws:sqs:us-east-1:000000000000:weibao-local-timer-dead-letters',
    });
    expect(process.env.AWS_ENDPOINT_URL_SCHEDULER).toBe(stack.urls.scheduler);
  });

  it('runs the sla-timer event handler with the schedule’s Input when the schedule is due', async () => {
    // Prepare
    const payload = { kind: 'sla-timer', ticketId: '01JTESTTICKET0000000000000', point: 'breach' };

    // Act
    await client.send(
      new CreateScheduleCommand({
        Name: 'stack-test',
        GroupName: stack.env.timers.scheduleGroup,
        ScheduleExpression: 'at(2020-01-01T00:00:00)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: stack.env.timers.slaTimerArn,
          RoleArn: stack.env.timers.schedulerRoleArn,
          Input: JSON.stringify(payload),
        },
      }),
    );
    const deadline = Date.now() + 3_000;
    while (received.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 25));

    // Assess
    expect(received).toHaveLength(1);
    expect(received[0]?.event).toEqual(payload);
    expect(received[0]?.context.functionName).toBe('weibao-local-sla-timer');
    expect(received[0]?.env).toBe('weibao');
    // The recurring jobs (the minute's timer retry) fire beside it.
    expect(stack.scheduler.invocations().filter((i) => i.name === 'stack-test')).toMatchObject([
      { name: 'stack-test', outcome: 'succeeded' },
    ]);
  });
});
