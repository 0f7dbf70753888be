import {
  channelById,
  channelDeliveryDone,
  markChannelDeliveryDone,
  recordChannelDelivered,
  recordChannelFailed,
} from '@weibao/store';
import type { ChannelDelivery, ChannelDeliveryDeps } from '../ports.ts';

export type ChannelDeliveryOutcome =
  /** Posted, and the robot said errcode 0. */
  | 'delivered'
  /** An earlier run of the same schedule posted it. */
  | 'already-delivered'
  /** The channel was removed or switched off meanwhile. */
  | 'gone'
  /** The robot refused it for good (wrong key, wrong signature, keyword missing): no retry. */
  | 'refused'
  /** The robot failed in a way another try may mend: the next attempt is scheduled. */
  | 'retry-scheduled';

/**
 * After a failure another try may mend (HTTP 5xx or 429, no answer, a rate limit), the next
 * attempt waits this long: about 40 minutes over 7 attempts, so a robot's outage of half an hour
 * loses nothing. After the last, the function throws: Lambda tries twice more and then the
 * dead-letter queue takes the message, which raises an alarm.
 */
export const channelRetryDelaysMs = [5_000, 30_000, 120_000, 300_000, 600_000, 1_200_000];

/** The last attempt failed in a way worth another try: the function's own retries, then the DLQ. */
export class ChannelDeliveryRetry extends Error {
  override name = 'ChannelDeliveryRetry';
}

/**
 * Delivers one scheduled message to one channel. The channel is read afresh (a key changed since
 * goes to the new key); a delivery already marked done posts nothing. Each attempt's outcome is
 * kept on the channel's status, which its page shows. A failure another try may mend schedules the
 * next attempt (channelRetryDelaysMs) instead of failing the function, so a robot's passing 500
 * raises no alarm; only the last attempt throws, to be retried by Lambda and dead-lettered.
 */
export function makeDeliverChannelMessage(deps: ChannelDeliveryDeps) {
  return async (d: ChannelDelivery): Promise<ChannelDeliveryOutcome> => {
    const channel = await channelById(deps.db, d.hospitalId, d.channelId);
    if (!channel || channel.deletedAt || !channel.enabled) return 'gone';
    if (await channelDeliveryDone(deps.db, d.hospitalId, d.id)) return 'already-delivered';
    const outcome = await deps.webhooks.post(channel, d.message);
    const now = deps.clock.now();
    const at = now.toISOString();
    if (outcome.ok) {
      await markChannelDeliveryDone(deps.db, d.hospitalId, d.id, d.channelId, at, now.getTime());
      await recordChannelDelivered(deps.db, d.hospitalId, d.channelId, at);
      return 'delivered';
    }
    await recordChannelFailed(deps.db, d.hospitalId, d.channelId, at, outcome.error);
    if (outcome.retry) {
      const attempt = d.attempt ?? 1;
      const delayMs = channelRetryDelaysMs[attempt - 1];
      if (delayMs === undefined)
        throw new ChannelDeliveryRetry(`attempt ${attempt} failed: ${outcome.error}`);
      await deps.channels.schedule([{ ...d, attempt: attempt + 1 }], { delayMs });
      return 'retry-scheduled';
    }
    deps.logger?.error('channel refused the message for good', {
      hospitalId: d.hospitalId,
      channelId: d.channelId,
      error: outcome.error,
    });
    return 'refused';
  };
}
