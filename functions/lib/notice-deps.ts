import { linkKeyFromEnv } from '@weibao/adapters';
import type { LinkDeps, NoticeDeps } from '@weibao/usecases';
import { appDeps } from './deps.ts';
import { logger } from './logger.ts';
import { pacedMailer } from './mail-sender.ts';
import { oncePerFunction } from './per-function.ts';

/** What signed-link use cases need: the store and the link key. */
export const signedLinkDeps = oncePerFunction((): LinkDeps => ({
  ...appDeps(),
  linkKey: linkKeyFromEnv(),
}));

/** What advance notices need: the link key, SES mail and the web app's origin for the links. */
export const advanceNoticeDeps = oncePerFunction((): NoticeDeps => {
  const from = process.env.MAIL_FROM;
  if (!from) throw new Error('MAIL_FROM is not set: the function cannot email the notice');
  const webOrigin = (process.env.WEB_ORIGIN ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  return {
    ...signedLinkDeps(),
    mailer: pacedMailer(),
    signedLinkUrl: (token) => `${webOrigin}/links/${token}`,
    logger: { error: (message, extra) => logger.error(message, extra ?? {}) },
  };
});
