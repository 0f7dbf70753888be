import {
  linkKeyFromEnv,
  makeS3FileStoreFromEnv,
  makeSchedulerTimersFromEnv,
} from '@weibao/adapters';
import type { TicketDeps } from '@weibao/usecases';
import { s3Client, schedulerClient } from './aws-clients.ts';
import { channelDeliveries } from './channel-deps.ts';
import { appDeps } from './deps.ts';
import { logger } from './logger.ts';
import { pacedMailer } from './mail-sender.ts';
import { functionMetrics } from './metrics.ts';
import { oncePerFunction } from './per-function.ts';

/** What ticket use cases need beyond the store: Scheduler timers, SES mail, links into the web app. */
export const ticketDeps = oncePerFunction((): TicketDeps => {
  const from = process.env.MAIL_FROM;
  if (!from) throw new Error('MAIL_FROM is not set: the function cannot send escalation mail');
  const webOrigin = (process.env.WEB_ORIGIN ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  return {
    ...appDeps(),
    timers: makeSchedulerTimersFromEnv(schedulerClient()),
    mailer: pacedMailer(),
    links: {
      ticket: (hospitalId, ticketId) => `${webOrigin}/hospitals/${hospitalId}/tickets/${ticketId}`,
    },
    logger: { error: (message, extra) => logger.error(message, extra ?? {}) },
    metrics: functionMetrics(),
    // Writers that take a report's uploads declare uses.files, which brings FILES_BUCKET.
    ...(process.env.FILES_BUCKET ? { files: makeS3FileStoreFromEnv(s3Client()) } : {}),
    // Every ticket writer's timers grant brings CHANNEL_DELIVERY_ARN: channels hear of its events.
    ...withChannels(),
    // Every ticket writer and the SLA timer hold the link key (uses.links), so each recipient of a
    // ticket's mail gets a reply address signed for them; a function without it sends one message.
    ...((process.env.LINK_KEY_ID || process.env.LINK_SIGNING_KEY) && process.env.INTAKE_DOMAIN
      ? {
          replyAddresses: {
            linkKey: linkKeyFromEnv(),
            intakeDomain: process.env.INTAKE_DOMAIN,
          },
        }
      : {}),
  };
});

function withChannels(): Pick<TicketDeps, 'channels'> {
  const channels = channelDeliveries();
  return channels ? { channels } : {};
}
