import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { ChannelDeliveryPayload } from '@weibao/api';
import { makeDeliverChannelMessage } from '@weibao/usecases';
import * as z from 'zod';
import { channelDeliveryDeps } from '../lib/channel-deps.ts';
import { logger } from '../lib/logger.ts';
import { flushMetrics } from '../lib/metrics.ts';

const payloadSchema = z.object({
  kind: z.literal('channel-delivery'),
  hospitalId: z.string().min(1).max(64),
  channelId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/),
  deliveryId: z.string().regex(/^[0-9a-f]{16,56}$/),
  attempt: z.number().int().min(1).max(99).default(1),
  message: z.object({ title: z.string().max(1000), text: z.string().max(6000) }),
});

/**
 * The target of every notification channel delivery. A malformed payload is logged and dropped
 * (retrying cannot fix it); a robot that may answer later (5xx, timeout, too many messages) gets
 * another attempt on a schedule of its own, and after the last one the function throws, so Lambda
 * retries it and finally dead-letters it.
 */
export const handler = middy(async (event: unknown) => {
  const parsed = payloadSchema.safeParse(event);
  if (!parsed.success) {
    logger.error('channel delivery payload refused', { issues: parsed.error.issues });
    return { outcome: 'refused' as const };
  }
  const p: ChannelDeliveryPayload = parsed.data;
  logger.appendKeys({ hospitalId: p.hospitalId, channelId: p.channelId });
  const outcome = await makeDeliverChannelMessage(channelDeliveryDeps())({
    id: p.deliveryId,
    hospitalId: p.hospitalId,
    channelId: p.channelId,
    message: p.message,
    attempt: p.attempt,
  });
  logger.info('channel delivery', { deliveryId: p.deliveryId, outcome });
  return { outcome };
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(flushMetrics());
