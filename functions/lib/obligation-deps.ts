import {
  linkKeyFromEnv,
  makeObligationSchedulesFromEnv,
  makeS3FileStoreFromEnv,
} from '@weibao/adapters';
import type {
  FileStore,
  Mailer,
  ObligationDeps,
  ObligationSchedules,
  PlanningDeps,
} from '@weibao/usecases';
import { s3Client, schedulerClient } from './aws-clients.ts';
import { channelDeliveries } from './channel-deps.ts';
import { appDeps } from './deps.ts';
import { logger } from './logger.ts';
import { pacedMailer } from './mail-sender.ts';
import { oncePerFunction } from './per-function.ts';

const logError = {
  error: (message: string, extra?: Record<string, unknown>) => logger.error(message, extra ?? {}),
};

/** Contract writes: the store and the reminder schedules they re-plan. */
export const planningDeps = oncePerFunction((): PlanningDeps => ({
  ...appDeps(),
  schedules: schedules(),
  logger: logError,
}));

/** Only functions whose route declares uses.reminders have OBLIGATION_TIMER_ARN. */
function schedules(): ObligationSchedules {
  return process.env.OBLIGATION_TIMER_ARN
    ? makeObligationSchedulesFromEnv(schedulerClient())
    : missing<ObligationSchedules>('scheduling obligation reminders');
}

/** Refuses use at call time, so a route without that grant fails loudly instead of half-working. */
export function missing<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get: () => () => Promise.reject(new Error(`${what} is not available to this function`)),
  });
}

/**
 * Obligations, proofs and reminders: schedules, files (only where the route declares uses.files),
 * mail (only where it declares uses.mail) and the web app's origin for links.
 */
export const obligationDeps = oncePerFunction((): ObligationDeps => {
  const from = process.env.MAIL_FROM;
  const files: FileStore = process.env.FILES_BUCKET
    ? makeS3FileStoreFromEnv(s3Client())
    : missing<FileStore>('the files bucket');
  const mailer: Mailer = from ? pacedMailer() : missing<Mailer>('sending mail');
  const webOrigin = (process.env.WEB_ORIGIN ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  const channels = channelDeliveries();
  return {
    ...planningDeps(),
    schedules: schedules(),
    files,
    mailer,
    webOrigin,
    logger: logError,
    // The reminder function's grant brings CHANNEL_DELIVERY_ARN: reminders reach the channels too.
    ...(channels ? { channels } : {}),
    // Functions that declare uses.links (the reminder function) email signed evaluation links.
    ...(process.env.LINK_KEY_ID || process.env.LINK_SIGNING_KEY
      ? {
          linkKey: linkKeyFromEnv(),
          evaluationLinkUrl: (token: string) => `${webOrigin}/links/evaluation/${token}`,
        }
      : {}),
  };
});
