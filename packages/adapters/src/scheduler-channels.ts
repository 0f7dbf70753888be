import {
  ConflictException,
  CreateScheduleCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import type { ChannelDeliveryPayload } from '@weibao/api';
import type { ChannelDeliveries } from '@weibao/usecases';
import { systemClock } from './system-clock.ts';
import { oneTimeScheduleInput, scheduleTargetFromEnv } from './schedule-target-env.ts';

export interface ChannelDeliveriesConfig {
  /** SCHEDULE_GROUP: the group of the SLA timers and reminders. */
  groupName: string;
  /** CHANNEL_DELIVERY_ARN: the channel-delivery function. */
  targetArn: string;
  roleArn: string;
  deadLetterArn: string;
  /** Epoch ms; default systemClock. */
  now?: () => number;
}

/**
 * `chd-<delivery id>` for the first attempt, `chd-<delivery id>-<attempt>` for a retry (the
 * running schedule still exists when its target schedules the next): the delivery's id is a hex
 * hash, so the name is short and always allowed.
 */
export function channelDeliveryScheduleName(deliveryId: string, attempt = 1): string {
  if (!/^[0-9a-f]{16,56}$/.test(deliveryId))
    throw new Error(`delivery id "${deliveryId}" cannot name a schedule: expected a hex hash`);
  if (!Number.isInteger(attempt) || attempt < 1 || attempt > 99)
    throw new Error(`attempt ${attempt} cannot name a schedule`);
  return attempt === 1 ? `chd-${deliveryId}` : `chd-${deliveryId}-${attempt}`;
}

/** `at(2026-12-05T02:30:01)` in UTC, `delayMs` (at least a second) ahead: an at() has no milliseconds. */
function after(nowMs: number, delayMs: number): string {
  const ms = Math.ceil((nowMs + Math.max(delayMs, 1000)) / 1000) * 1000;
  return `at(${new Date(ms).toISOString().slice(0, 19)})`;
}

/**
 * Channel deliveries as one-time EventBridge Scheduler schedules due a second from now (a retry:
 * later), one per delivery and attempt, deleted by the Scheduler after they ran. The target posts
 * to the robot and schedules its own next attempt; what never goes through lands in the timers'
 * dead-letter queue, which raises an alarm. A schedule that exists already is that same delivery
 * and attempt, still pending: left as it is.
 */
export function makeSchedulerChannelDeliveries(
  client: SchedulerClient,
  config: ChannelDeliveriesConfig,
): ChannelDeliveries {
  const now = config.now ?? (() => systemClock.now().getTime());
  return {
    async schedule(deliveries, options = {}) {
      for (const d of deliveries) {
        const attempt = d.attempt ?? 1;
        const payload: ChannelDeliveryPayload = {
          kind: 'channel-delivery',
          hospitalId: d.hospitalId,
          channelId: d.channelId,
          deliveryId: d.id,
          attempt,
          message: d.message,
        };
        const input = oneTimeScheduleInput(config, {
          name: channelDeliveryScheduleName(d.id, attempt),
          description: `weibao: one message to notification channel ${d.channelId}, attempt ${attempt}`,
          expression: after(now(), options.delayMs ?? 0),
          timezone: 'UTC',
          afterCompletion: 'DELETE',
          payload,
        });
        try {
          await client.send(new CreateScheduleCommand(input));
        } catch (err) {
          if (!(err instanceof ConflictException)) throw err;
        }
      }
    },
  };
}

/** From the environment the timers' and reminders' grants set (on AWS and locally). */
export function makeSchedulerChannelDeliveriesFromEnv(
  client: SchedulerClient = new SchedulerClient({}),
  env: NodeJS.ProcessEnv = process.env,
): ChannelDeliveries {
  return makeSchedulerChannelDeliveries(
    client,
    scheduleTargetFromEnv(env, 'CHANNEL_DELIVERY_ARN', 'schedule notification channel deliveries'),
  );
}
