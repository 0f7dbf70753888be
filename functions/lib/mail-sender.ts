import { makeSesMailer } from '@weibao/adapters';
import { makePacedMailer, type Mailer, type MailPacing } from '@weibao/usecases';
import { sesClient } from './aws-clients.ts';
import { appDeps } from './deps.ts';
import { logger } from './logger.ts';
import { oncePerFunction } from './per-function.ts';

/**
 * The account's SES send rate this deployment is sized for (`sesSendRate` → MAIL_SEND_RATE, brought
 * by the mail grant with MAIL_FROM); every sender of every function shares it through the table.
 */
export function mailSendRate(): number {
  const raw = process.env.MAIL_SEND_RATE;
  const rate = Number(raw);
  if (!raw || !Number.isSafeInteger(rate) || rate < 1)
    throw new Error(`MAIL_SEND_RATE must be a positive whole number, got "${raw ?? ''}"`);
  return rate;
}

/** SES through the pacer: what every function that sends mail is given (`uses.mail: 'send'`). */
export const mailPacing = oncePerFunction((): MailPacing => {
  const from = process.env.MAIL_FROM;
  if (!from) throw new Error('MAIL_FROM is not set: the function cannot send mail');
  const ses = makeSesMailer(sesClient(), from);
  return {
    db: appDeps().db,
    send: (message) => ses.send(message),
    ratePerSecond: mailSendRate(),
    logger: {
      warn: (message, extra) => logger.warn(message, extra ?? {}),
      error: (message, extra) => logger.error(message, extra ?? {}),
    },
  };
});

/** The paced Mailer (mail/mail-queue.ts in @weibao/usecases). */
export const pacedMailer = oncePerFunction((): Mailer => makePacedMailer(mailPacing()));
