import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { makeOnObligationTimer, type ObligationTimerPayload } from '@weibao/usecases';
import * as z from 'zod';
import { logger } from '../lib/logger.ts';
import { flushMetrics, functionMetrics } from '../lib/metrics.ts';
import { obligationDeps } from '../lib/obligation-deps.ts';

const ref = {
  hospitalId: z.string().min(1),
  contractId: z.string().min(1),
  obligationId: z.string().min(1),
};
const payloadSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('obligation-reminder'),
    ...ref,
    reminderKey: z.string().regex(/^\d{4}-\d{2}-\d{2}:(due|before-\d+|overdue-\d+)$/),
  }),
  z.object({ kind: z.literal('evaluation-request'), ...ref, quarter: z.number().int().positive() }),
]);

/**
 * The target of every obligation reminder and evaluation-request schedule. A malformed payload is
 * logged and dropped (retrying cannot fix it); any other failure throws, so the Scheduler retries
 * and finally dead-letters it.
 */
export const handler = middy(async (event: unknown) => {
  const parsed = payloadSchema.safeParse(event);
  if (!parsed.success) {
    logger.error('obligation reminder payload refused', { issues: parsed.error.issues });
    return { outcome: 'refused' as const };
  }
  const payload: ObligationTimerPayload = parsed.data;
  logger.appendKeys({ hospitalId: payload.hospitalId, contractId: payload.contractId });
  const outcome = await makeOnObligationTimer(obligationDeps())(payload);
  if (outcome === 'sent') functionMetrics().reminderSent();
  logger.info('obligation reminder', { ...payload, outcome });
  return { outcome };
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(flushMetrics());
