import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { SlaTimerPayload } from '@weibao/api';
import { makeOnSlaTimer } from '@weibao/usecases';
import * as z from 'zod';
import { logger } from '../lib/logger.ts';
import { flushMetrics } from '../lib/metrics.ts';
import { ticketDeps } from '../lib/ticket-deps.ts';

const payloadSchema = z.object({
  kind: z.literal('sla-timer'),
  hospitalId: z.string().min(1),
  ticketId: z.string().min(1),
  clock: z.enum(['response', 'on-site', 'resolution']),
  point: z.enum(['at-risk', 'breach', 'deduction']),
  at: z.string(),
});

/**
 * The target of every SLA schedule. A malformed payload is logged and dropped (retrying cannot
 * fix it); any other failure throws, so the Scheduler retries and finally dead-letters it.
 */
export const handler = middy(async (event: unknown) => {
  const parsed = payloadSchema.safeParse(event);
  if (!parsed.success) {
    logger.error('SLA timer payload refused', { issues: parsed.error.issues });
    return { outcome: 'refused' as const };
  }
  const payload: SlaTimerPayload = parsed.data;
  logger.appendKeys({ hospitalId: payload.hospitalId, ticketId: payload.ticketId });
  const outcome = await makeOnSlaTimer(ticketDeps())(payload);
  logger.info('SLA timer', { ...payload, outcome });
  return { outcome };
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(flushMetrics());
