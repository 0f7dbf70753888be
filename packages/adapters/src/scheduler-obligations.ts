import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import type { ObligationSchedules } from '@weibao/usecases';
import { systemClock } from './system-clock.ts';
import { oneTimeScheduleInput, scheduleTargetFromEnv } from './schedule-target-env.ts';

export interface ObligationSchedulesConfig {
  /** SCHEDULE_GROUP: the same group as the SLA timers. */
  groupName: string;
  /** OBLIGATION_TIMER_ARN: the obligation-reminder function. */
  targetArn: string;
  roleArn: string;
  deadLetterArn: string;
  /** Epoch ms; a time that has passed is set a second ahead. Default systemClock. */
  now?: () => number;
  /** How many Scheduler calls run at once (its API rate is per account). Default 8. */
  concurrency?: number;
}

/** The wall-clock time of an instant in Shanghai (UTC+8, no daylight saving), as at() wants it. */
export function shanghaiAtExpression(ms: number): string {
  const wall = new Date(Math.ceil(ms / 1000) * 1000 + 8 * 3_600_000).toISOString().slice(0, 19);
  return `at(${wall})`;
}

async function inBatches<T>(items: T[], size: number, f: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await f(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

/**
 * Obligation reminders as one-time EventBridge Scheduler schedules in Asia/Shanghai. Unlike the SLA
 * timers they are kept after they ran (ActionAfterCompletion NONE): the handler moves the same
 * schedule on to the obligation's next reminder point, and an update never races the Scheduler's
 * own deletion of a completed schedule. Done or removed obligations have theirs deleted.
 */
export function makeObligationSchedules(
  client: SchedulerClient,
  config: ObligationSchedulesConfig,
): ObligationSchedules {
  const now = config.now ?? (() => systemClock.now().getTime());
  const concurrency = config.concurrency ?? 8;
  return {
    async put(schedules) {
      await inBatches(schedules, concurrency, async (s) => {
        const input = oneTimeScheduleInput(config, {
          name: s.name,
          description: s.description,
          expression: shanghaiAtExpression(Math.max(s.atMs, now() + 1000)),
          timezone: 'Asia/Shanghai',
          afterCompletion: 'NONE',
          payload: s.payload,
        });
        // Create first: most puts are of new obligations; an existing one is updated instead.
        try {
          await client.send(new CreateScheduleCommand(input));
        } catch (err) {
          if (!(err instanceof ConflictException)) throw err;
          try {
            await client.send(new UpdateScheduleCommand(input));
          } catch (err2) {
            // Deleted between the two calls (a concurrent remove): create it again.
            if (err2 instanceof ResourceNotFoundException)
              await client.send(new CreateScheduleCommand(input));
            else throw err2;
          }
        }
      });
    },
    async remove(names) {
      await inBatches(names, concurrency, async (name) => {
        try {
          await client.send(new DeleteScheduleCommand({ Name: name, GroupName: config.groupName }));
        } catch (err) {
          if (!(err instanceof ResourceNotFoundException)) throw err;
        }
      });
    },
  };
}

/** From the environment bindReminders sets on AWS and the local stack sets locally. */
export function makeObligationSchedulesFromEnv(
  client: SchedulerClient = new SchedulerClient({}),
  env: NodeJS.ProcessEnv = process.env,
): ObligationSchedules {
  return makeObligationSchedules(
    client,
    scheduleTargetFromEnv(env, 'OBLIGATION_TIMER_ARN', 'schedule obligation reminders'),
  );
}
