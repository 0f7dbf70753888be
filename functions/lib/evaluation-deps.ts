import { makeS3FileStore } from '@weibao/adapters';
import type { EvaluationLinkDeps, FileDeps } from '@weibao/usecases';
import { s3Client } from './aws-clients.ts';
import { appDeps } from './deps.ts';
import { logger } from './logger.ts';
import { pacedMailer } from './mail-sender.ts';
import { signedLinkDeps } from './notice-deps.ts';
import { oncePerFunction } from './per-function.ts';

/** The store and the files bucket (deliverables). */
export const filesDeps = oncePerFunction((): FileDeps => {
  const bucket = process.env.FILES_BUCKET;
  if (!bucket) throw new Error('FILES_BUCKET is not set: the function cannot reach the files');
  return { ...appDeps(), files: makeS3FileStore(s3Client(), bucket) };
});

/** What sending evaluation links needs: the link key, SES mail and the web app's origin. */
export const evaluationLinkDeps = oncePerFunction((): EvaluationLinkDeps => {
  const from = process.env.MAIL_FROM;
  if (!from) throw new Error('MAIL_FROM is not set: the function cannot email the links');
  const webOrigin = (process.env.WEB_ORIGIN ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  return {
    ...signedLinkDeps(),
    mailer: pacedMailer(),
    evaluationLinkUrl: (token) => `${webOrigin}/links/evaluation/${token}`,
    logger: { error: (message, extra) => logger.error(message, extra ?? {}) },
  };
});
