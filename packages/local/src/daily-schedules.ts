import {
  ConflictException,
  CreateScheduleCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import {
  auditCheckpointSchedule,
  mailDrainSchedule,
  obligationDigestSchedule,
  timerRetrySchedule,
} from '@weibao/api';
import { localFunctionArn } from './lambda-context.ts';
import type { LocalEnv } from './env.ts';

/**
 * The recurring schedules, as CDK makes them on AWS (Scheduling stack): the obligation digest at
 * 08:00 and the audit checkpoint at 03:30 in Asia/Shanghai, the timer retry and the mail drain every
 * minute, each
 * targeting its handler.
 * Kept if they exist.
 */
export async function ensureDailySchedules(env: LocalEnv): Promise<void> {
  await ensureDaily(
    env,
    obligationDigestSchedule,
    'Daily digest of due and overdue obligations to each service manager',
  );
  await ensureDaily(
    env,
    auditCheckpointSchedule,
    'Daily verification of each hospital’s audit log and its checkpoint',
  );
  await ensureDaily(
    env,
    timerRetrySchedule,
    'Every minute, plan the SLA timers a failed plan left out',
  );
  await ensureDaily(
    env,
    mailDrainSchedule,
    'Every minute, send the queued mail at the send rate, escalations first',
  );
}

async function ensureDaily(
  env: LocalEnv,
  schedule: { name: string; expression: string; timeZone: string },
  description: string,
): Promise<void> {
  const client = new SchedulerClient({
    region: env.region,
    endpoint: env.endpoints.scheduler,
    credentials: env.credentials,
  });
  try {
    await client.send(
      new CreateScheduleCommand({
        Name: schedule.name,
        GroupName: env.timers.scheduleGroup,
        ScheduleExpression: schedule.expression,
        ScheduleExpressionTimezone: schedule.timeZone,
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
        Description: description,
        Target: {
          Arn: localFunctionArn(schedule.name, env.region),
          RoleArn: env.timers.schedulerRoleArn,
          Input: '{}',
          DeadLetterConfig: { Arn: env.timers.deadLetterArn },
        },
      }),
    );
  } catch (err) {
    if (!(err instanceof ConflictException)) throw err;
  } finally {
    client.destroy();
  }
}
