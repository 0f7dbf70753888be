import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { makeSendObligationDigests } from '@weibao/usecases';
import { logger } from '../lib/logger.ts';
import { obligationDeps } from '../lib/obligation-deps.ts';

/** The daily digest schedule's target (cron(0 8 * * ? *) Asia/Shanghai); its input is ignored. */
export const handler = middy(async () => {
  const result = await makeSendObligationDigests(obligationDeps())();
  logger.info('obligation digest', result);
  return result;
}).use(injectLambdaContext(logger, { resetKeys: true }));
