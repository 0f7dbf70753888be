import { GetParameterCommand } from '@aws-sdk/client-ssm';
import {
  directoryFromEnv,
  linkKeyFromEnv,
  makeS3FileStore,
  sesMessageIdHeader,
  vendorStaffDirectory,
} from '@weibao/adapters';
import type { Directory, MailIntakeDeps, QuarantineReadDeps } from '@weibao/usecases';
import { s3Client, ssmClient } from './aws-clients.ts';
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
    // Checks the signed reply addresses of vendor staff (uses.links of mail-intake); a function
    // without the grant has no key, and then no reply acts as the vendor.
    ...(process.env.LINK_KEY_ID || process.env.LINK_SIGNING_KEY
      ? { linkKey: linkKeyFromEnv() }
      : {}),
    ...(Number.isInteger(limit) && limit > 0 ? { ackLimitPerHour: limit } : {}),
  };
});

/** Reading a quarantined message (uses.inbound): the store and the mail bucket, no sender or timers. */
export const quarantineReadDeps = oncePerFunction((): QuarantineReadDeps => ({
  ...appDeps(),
  rawMail: makeS3FileStore(s3Client(), required('MAIL_BUCKET')),
}));

let directory: Promise<Directory> | undefined;

/**
 * Whom the intake recognises by address. On AWS the vendor staff are in the SSM parameter that
 * MAIL_DIRECTORY_PARAMETER names, read once per cold start (an environment variable has 4 KB for
 * all of them); locally MAIL_DIRECTORY holds the demo users.
 */
export function intakeDirectory(): Promise<Directory> {
  const name = process.env.MAIL_DIRECTORY_PARAMETER;
  if (!name) return Promise.resolve(directoryFromEnv(process.env.MAIL_DIRECTORY));
  return (directory ??= ssmClient()
    .send(new GetParameterCommand({ Name: name }))
    .then((out) => vendorStaffDirectory(out.Parameter?.Value)));
}

/** Where the receipt rule's S3 action put a message: MAIL_PREFIX + SES's message id. */
export function rawMailKey(sesMessageId: string): string {
  return `${process.env.MAIL_PREFIX ?? ''}${sesMessageId}`;
}
