import { directoryFromEnv, makeS3FileStore, sesMessageIdHeader } from '@weibao/adapters';
import type { MailIntakeDeps, QuarantineReadDeps } from '@weibao/usecases';
import { s3Client } from './aws-clients.ts';
import { appDeps } from './deps.ts';
import { oncePerFunction } from './per-function.ts';
import { ticketDeps } from './ticket-deps.ts';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the function cannot take in mail`);
  return value;
}

/** What the mail intake and the quarantine routes need: tickets, both buckets, the directory. */
export const mailIntakeDeps = oncePerFunction((): MailIntakeDeps => {
  const region = process.env.AWS_REGION ?? 'us-east-1';
  const limit = Number(process.env.ACK_LIMIT_PER_HOUR ?? '');
  return {
    ...ticketDeps(),
    rawMail: makeS3FileStore(s3Client(), required('MAIL_BUCKET')),
    files: makeS3FileStore(s3Client(), required('FILES_BUCKET')),
    directory: directoryFromEnv(process.env.MAIL_DIRECTORY),
    intakeDomain: required('INTAKE_DOMAIN'),
    sentMessageIdHeader: (id) => sesMessageIdHeader(id, region),
    ...(Number.isInteger(limit) && limit > 0 ? { ackLimitPerHour: limit } : {}),
  };
});

/** Reading a quarantined message (uses.inbound): the store and the mail bucket, no sender or timers. */
export const quarantineReadDeps = oncePerFunction((): QuarantineReadDeps => ({
  ...appDeps(),
  rawMail: makeS3FileStore(s3Client(), required('MAIL_BUCKET')),
}));

/** Where the receipt rule's S3 action put a message: MAIL_PREFIX + SES's message id. */
export function rawMailKey(sesMessageId: string): string {
  return `${process.env.MAIL_PREFIX ?? ''}${sesMessageId}`;
}
