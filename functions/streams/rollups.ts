import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { streamImages } from '@weibao/store';
import { makeApplyRollupStream } from '@weibao/usecases';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { appDeps } from '../lib/deps.ts';
import { logger } from '../lib/logger.ts';

/**
 * The table stream's target: moves the rollup cells by what the batch's tickets and ledger
 * entries changed, and re-files a hospital's cells after its contract's term moved or the
 * hospital was removed. A failure fails the batch, which Lambda splits and retries; a retry writes the same
 * figures again, so nothing counts twice.
 */
export const handler = middy(async (event: DynamoDBStreamEvent) => {
  const run = await makeApplyRollupStream(appDeps())(streamImages(event.Records));
  if (run.written > 0) logger.info('rollups', { ...run, records: event.Records.length });
  return run;
}).use(injectLambdaContext(logger, { resetKeys: true }));
