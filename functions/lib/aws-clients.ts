import { S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { oncePerFunction } from './per-function.ts';

/**
 * S3, once per cold start; path-style when an endpoint override points at a local S3 stand-in.
 * Checksums only when required: by default the SDK signs the CRC32 of the (empty) body into a
 * presigned PUT (SDK 3.729 on), and S3 refuses every real file sent to that URL.
 */
export const s3Client = oncePerFunction(
  () =>
    new S3Client({
      forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3),
      requestChecksumCalculation: 'WHEN_REQUIRED',
    }),
);

export const sesClient = oncePerFunction(() => new SESv2Client({}));

/** EventBridge Scheduler; AWS_ENDPOINT_URL_SCHEDULER points it at the local stand-in. */
export const schedulerClient = oncePerFunction(() => new SchedulerClient({}));

/** SSM Parameter Store: the mail intake reads the vendor staff there (intakeDirectory). */
export const ssmClient = oncePerFunction(() => new SSMClient({}));
