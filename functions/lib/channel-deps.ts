import { makeSchedulerChannelDeliveriesFromEnv, makeWebhookPosterFromEnv } from '@weibao/adapters';
import type { ChannelDeliveries, ChannelDeliveryDeps } from '@weibao/usecases';
import { schedulerClient } from './aws-clients.ts';
import { appDeps } from './deps.ts';
import { logger } from './logger.ts';
import { oncePerFunction } from './per-function.ts';

/**
 * Where a ticket writer or the reminder function hands the messages of a hospital's notification
 * channels: the delivery schedules, in the functions whose timers or reminders grant brings
 * CHANNEL_DELIVERY_ARN; none elsewhere (their messages are not sent: ports.ts).
 */
export function channelDeliveries(): ChannelDeliveries | undefined {
  return process.env.CHANNEL_DELIVERY_ARN
    ? makeSchedulerChannelDeliveriesFromEnv(schedulerClient())
    : undefined;
}

/** The channel-delivery function: the store, the robots' webhooks, its own next attempts. */
export const channelDeliveryDeps = oncePerFunction((): ChannelDeliveryDeps => ({
  ...appDeps(),
  webhooks: makeWebhookPosterFromEnv(),
  channels: makeSchedulerChannelDeliveriesFromEnv(schedulerClient()),
  logger: { error: (message, extra) => logger.error(message, extra ?? {}) },
}));
