import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { makeDrainMailQueue } from '@weibao/usecases';
import { logger } from '../lib/logger.ts';
import { mailPacing } from '../lib/mail-sender.ts';
import { flushMetrics, functionMetrics } from '../lib/metrics.ts';

/**
 * The mail-drain schedule's target (rate(1 minute)); its input is ignored. Sends the queued mail at
 * the account's send rate, escalations first, for up to 50 s: the next run starts as this one ends
 * (a run that overlaps another only sends what it claimed). What failed stays queued and is logged;
 * what failed its last attempt is on the dead list, logged as an error and counted (MailDead alarm).
 */
export const handler = middy(async () => {
  const run = await makeDrainMailQueue({ ...mailPacing(), budgetMs: 50_000 })();
  if (run.sent + run.failed + run.dead > 0 || run.left) logger.info('mail drain', { ...run });
  functionMetrics().mailDrained(run.sent, run.dead);
  return run;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(flushMetrics());
