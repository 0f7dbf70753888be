import { createHash } from 'node:crypto';
import type { ChannelEvent, Severity } from '@weibao/domain';
import { channelsOfHospital, type TicketChannelNotice } from '@weibao/store';
import type { ChannelDeliveries, ChannelDelivery, ChannelMessage, Deps } from '../ports.ts';

/** The channel event a ticket's notice is: a new minor fault is no group's business. */
export function channelEventOf(
  notice: TicketChannelNotice,
  severity: Severity,
): ChannelEvent | null {
  if (notice === 'at-risk') return 'sla-at-risk';
  if (notice === 'breach') return 'sla-breach';
  return severity === 'fatal' ? 'ticket-fatal' : severity === 'serious' ? 'ticket-serious' : null;
}

/** A delivery's id: a hash of what is told and to which channel, so repeating it finds the same. */
export function channelDeliveryId(what: string, channelId: string): string {
  return createHash('sha256').update(`${what}\n${channelId}`).digest('hex').slice(0, 40);
}

/**
 * Schedules `message` to every enabled channel of the hospital that wants `event` and covers the
 * contract (all contracts, or this one). `what` names the occasion (`ticket:<id>:<seq>`): with the
 * channel it makes the delivery's id, so a retried caller schedules the same deliveries again
 * and each channel is posted once. Returns how many channels it went to.
 */
export async function scheduleChannelMessages(
  deps: Deps & { channels?: ChannelDeliveries },
  a: {
    hospitalId: string;
    contractId: string;
    event: ChannelEvent;
    what: string;
    message: ChannelMessage;
  },
): Promise<number> {
  if (!deps.channels) return 0;
  const wanted = (await channelsOfHospital(deps.db, a.hospitalId)).filter(
    (c) =>
      c.enabled &&
      c.events.includes(a.event) &&
      (c.contractId === null || c.contractId === a.contractId),
  );
  if (wanted.length === 0) return 0;
  const deliveries: ChannelDelivery[] = wanted.map((c) => ({
    id: channelDeliveryId(a.what, c.id),
    hospitalId: a.hospitalId,
    channelId: c.id,
    message: a.message,
  }));
  await deps.channels.schedule(deliveries);
  return deliveries.length;
}
