import type { CreateScheduleCommandInput } from '@aws-sdk/client-scheduler';

/** Where a function's one-time schedules go and what they invoke, as its grant sets them. */
export interface ScheduleTarget {
  groupName: string;
  targetArn: string;
  roleArn: string;
  deadLetterArn: string;
}

/**
 * The schedule group, the function a schedule invokes (`targetVariable`), the Scheduler's role and
 * the timers' dead-letter queue from the environment (set by the grants on AWS, by the local stack
 * locally). Missing names are said at once, with what the function could not do (`purpose`).
 */
export function scheduleTargetFromEnv(
  env: NodeJS.ProcessEnv,
  targetVariable: string,
  purpose: string,
): ScheduleTarget {
  const names = ['SCHEDULE_GROUP', targetVariable, 'SCHEDULER_ROLE_ARN', 'TIMER_DLQ_ARN'];
  const missing = names.filter((name) => !env[name]);
  if (missing.length > 0)
    throw new Error(`${missing.join(', ')} not set: the function cannot ${purpose}`);
  return {
    groupName: env.SCHEDULE_GROUP as string,
    targetArn: env[targetVariable] as string,
    roleArn: env.SCHEDULER_ROLE_ARN as string,
    deadLetterArn: env.TIMER_DLQ_ARN as string,
  };
}

/** A schedule's input as the adapters send it, with its name and its payload as JSON. */
export type OneTimeScheduleInput = CreateScheduleCommandInput & {
  Name: string;
  Target: { Input: string };
};

/**
 * A schedule that runs once at `expression` (no flexible window), invokes the target with
 * `payload`, is retried 10 times within an hour and then goes to the dead-letter queue: the one
 * shape of the SLA timers, the channel deliveries and the obligation reminders.
 */
export function oneTimeScheduleInput(
  target: ScheduleTarget,
  s: {
    name: string;
    description: string;
    expression: string;
    timezone: 'UTC' | 'Asia/Shanghai';
    /** DELETE when the schedule is done with; NONE to keep it for the handler to move. */
    afterCompletion: 'DELETE' | 'NONE';
    payload: unknown;
  },
): OneTimeScheduleInput {
  return {
    Name: s.name,
    GroupName: target.groupName,
    Description: s.description.slice(0, 512),
    ScheduleExpression: s.expression,
    ScheduleExpressionTimezone: s.timezone,
    FlexibleTimeWindow: { Mode: 'OFF' },
    ActionAfterCompletion: s.afterCompletion,
    State: 'ENABLED',
    Target: {
      Arn: target.targetArn,
      RoleArn: target.roleArn,
      Input: JSON.stringify(s.payload),
      RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 3600 },
      DeadLetterConfig: { Arn: target.deadLetterArn },
    },
  };
}
