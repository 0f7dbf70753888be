import {
  ConflictException,
  CreateScheduleCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { obligationDigestSchedule } from '@weibao/api';
import { localFunctionArn } from './lambda-context.ts';
import type { LocalEnv } from './env.ts';

/**
 * The daily obligation digest's recurring schedule, as CDK makes it on AWS (Scheduling stack):
 * cron(0 8 * * ? *) in Asia/Shanghai, targeting the obligation-digest handler. Kept if it exists.
 */
export async function ensureDigestSchedule(env: LocalEnv): Promise<void> {
  const client = new SchedulerClient({
    region: env.region,
    endpoint: env.endpoints.scheduler,
    credentials: env.credentials,
  });
  try {
    await client.send(
      new CreateScheduleCommand({
        Name: obligationDigestSchedule.name,
        GroupName: env.timers.scheduleGroup,
        ScheduleExpression: obligationDigestSchedule.expression,
        ScheduleExpressionTimezone: obligationDigestSchedule.timeZone,
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
        Description: 'Daily digest of due and overdue obligations to each service manager',
        Target: {
          Arn: localFunctionArn('obligation-digest', env.region),
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
