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
  | 'refused';

/** A failure worth another try: the Scheduler retries the delivery's schedule. */
export class ChannelDeliveryRetry extends Error {
  override name = 'ChannelDeliveryRetry';
}

/**
 * Delivers one scheduled message to one channel. The channel is read afresh (a key changed since
 * goes to the new key); a delivery already marked done posts nothing. Each attempt's outcome is
 * kept on the channel's status, which its page shows; an attempt that may succeed later throws,
 * so the Scheduler tries again and, after its last try, dead-letters it (an alarm).
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
    if (outcome.retry) throw new ChannelDeliveryRetry(outcome.error);
    deps.logger?.error('channel refused the message for good', {
      hospitalId: d.hospitalId,
      channelId: d.channelId,
      error: outcome.error,
    });
    return 'refused';
  };
}
