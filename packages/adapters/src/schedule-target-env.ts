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
