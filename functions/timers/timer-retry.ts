import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { makeSchedulerTimersFromEnv } from '@weibao/adapters';
import { makeRetryTimers } from '@weibao/usecases';
import { schedulerClient } from '../lib/aws-clients.ts';
import { appDeps } from '../lib/deps.ts';
import { logger } from '../lib/logger.ts';

/**
 * The timer-retry schedule's target (rate(1 minute)); its input is ignored. Plans the timers of
 * tickets whose change was stored while the Scheduler failed. Tickets still failing stay for the
 * next minute and are logged; the run itself fails only when the table cannot be read.
 */
export const handler = middy(async () => {
  const run = await makeRetryTimers({
    ...appDeps(),
    timers: makeSchedulerTimersFromEnv(schedulerClient()),
  })();
  if (run.planned + run.gone + run.failed > 0) logger.info('timer retries', { ...run });
  if (run.failed > 0) logger.warn('timer retries still failing', { failed: run.failed });
  return run;
}).use(injectLambdaContext(logger, { resetKeys: true }));
