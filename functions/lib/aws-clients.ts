import { S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { perEndpoint } from './sdk-client.ts';

/**
 * S3, path-style when an endpoint override points at a local S3 stand-in. Checksums only when
 * required: by default the SDK signs the CRC32 of the (empty) body into a presigned PUT (SDK 3.729
 * on), and S3 refuses every real file sent to that URL.
 */
export const s3Client = /* @__PURE__ */ perEndpoint(
  'AWS_ENDPOINT_URL_S3',
  () =>
    new S3Client({
      forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3),
      requestChecksumCalculation: 'WHEN_REQUIRED',
    }),
);

export const sesClient = /* @__PURE__ */ perEndpoint(
  'AWS_ENDPOINT_URL_SESV2',
  () => new SESv2Client({}),
);

/** EventBridge Scheduler; AWS_ENDPOINT_URL_SCHEDULER points it at the local stand-in. */
export const schedulerClient = /* @__PURE__ */ perEndpoint(
  'AWS_ENDPOINT_URL_SCHEDULER',
  () => new SchedulerClient({}),
);

/** SSM Parameter Store: the mail intake reads the vendor staff there (intakeDirectory). */
export const ssmClient = /* @__PURE__ */ perEndpoint(
  'AWS_ENDPOINT_URL_SSM',
  () => new SSMClient({}),
);
