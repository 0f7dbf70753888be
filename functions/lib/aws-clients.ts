import { S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SSMClient } from '@aws-sdk/client-ssm';

let s3: S3Client | undefined;
let ses: SESv2Client | undefined;
let scheduler: SchedulerClient | undefined;
let ssm: SSMClient | undefined;

/**
 * S3, once per cold start; path-style when an endpoint override points at a local S3 stand-in.
 * Checksums only when required: by default the SDK signs the CRC32 of the (empty) body into a
 * presigned PUT (SDK 3.729 on), and S3 refuses every real file sent to that URL.
 */
export function s3Client(): S3Client {
  return (s3 ??= new S3Client({
    forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3),
    requestChecksumCalculation: 'WHEN_REQUIRED',
  }));
}

export function sesClient(): SESv2Client {
  return (ses ??= new SESv2Client({}));
}

/** EventBridge Scheduler; AWS_ENDPOINT_URL_SCHEDULER points it at the local stand-in. */
export function schedulerClient(): SchedulerClient {
  return (scheduler ??= new SchedulerClient({}));
}

/** SSM Parameter Store: the mail intake reads the vendor staff there (intakeDirectory). */
export function ssmClient(): SSMClient {
  return (ssm ??= new SSMClient({}));
}
