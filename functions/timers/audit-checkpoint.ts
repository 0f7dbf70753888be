import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { AuditLogBrokenError, makeCheckpointAuditLogs } from '@weibao/usecases';
import { logger } from '../lib/logger.ts';
import { appDeps } from '../lib/deps.ts';

/**
 * The daily audit checkpoint schedule's target (cron(30 3 * * ? *) Asia/Shanghai); its input is
 * ignored. A broken audit log is logged as an ERROR per hospital and fails the invocation, which
 * raises the function's error alarm.
 */
export const handler = middy(async () => {
  try {
    const run = await makeCheckpointAuditLogs(appDeps())();
    logger.info('audit checkpoints', { asOf: run.asOf, hospitals: run.checkpointed.length });
    return run;
  } catch (err) {
    if (err instanceof AuditLogBrokenError)
      for (const broken of err.run.broken) logger.error('audit log broken', { ...broken });
    throw err;
  }
}).use(injectLambdaContext(logger, { resetKeys: true }));
