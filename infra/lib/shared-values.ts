import { Stack } from 'aws-cdk-lib';
import { Table, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Key, type IKey } from 'aws-cdk-lib/aws-kms';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { ParameterTier, StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import type { WeibaoConfig } from './config.ts';

/**
 * What one stack tells the next, as SSM parameters `/weibao/<stage>/<name>` that the reading stack
 * resolves at deploy time, instead of CloudFormation exports: an export locks the stack that makes
 * it (no update may change or remove it while another stack imports it), a parameter does not.
 * The stacks still deploy in order: buildWeibao declares the dependencies.
 */
export const sharedNames = {
  tableArn: 'data/table-arn',
  /** The table's stream, the rollups handler's event source. */
  tableStreamArn: 'data/table-stream-arn',
  dataKeyArn: 'data/data-key-arn',
  filesBucketArn: 'data/files-bucket-arn',
  mailBucketArn: 'data/mail-bucket-arn',
  mailKeyArn: 'data/mail-key-arn',
  linkKeyArn: 'data/link-key-arn',
  userPoolId: 'auth/user-pool-id',
  spaClientId: 'auth/spa-client-id',
  apiEndpoint: 'api/endpoint',
} as const;
export type SharedName = keyof typeof sharedNames;

export const parameterName = (stage: string, name: SharedName) =>
  `/weibao/${stage}/${sharedNames[name]}`;

/** Leaves `value` for the stacks deployed after this one. */
export function share(scope: Construct, stage: string, name: SharedName, value: string): void {
  new StringParameter(scope, `Shared${name.charAt(0).toUpperCase()}${name.slice(1)}`, {
    parameterName: parameterName(stage, name),
    stringValue: value,
    description: `weibao ${stage}: ${sharedNames[name]}, read by the stacks deployed after this one`,
  });
}

/** A value another stack shared, resolved when this stack deploys. */
export function shared(scope: Construct, stage: string, name: SharedName): string {
  return StringParameter.valueForStringParameter(scope, parameterName(stage, name));
}

/** The data stack's table, buckets and keys, as a stack deployed after it sees them. */
export interface DataRefs {
  table: ITable;
  files: IBucket;
  mail: IBucket;
  linkKey: IKey;
}

export function importData(scope: Construct, stage: string): DataRefs {
  const value = (name: SharedName) => shared(scope, stage, name);
  const dataKey = Key.fromKeyArn(scope, 'SharedDataKey', value('dataKeyArn'));
  const mailKey = Key.fromKeyArn(scope, 'SharedMailKey', value('mailKeyArn'));
  return {
    table: Table.fromTableAttributes(scope, 'SharedTable', {
      tableArn: value('tableArn'),
      tableStreamArn: value('tableStreamArn'),
      encryptionKey: dataKey,
    }),
    files: Bucket.fromBucketAttributes(scope, 'SharedFiles', {
      bucketArn: value('filesBucketArn'),
      encryptionKey: dataKey,
      region: Stack.of(scope).region,
    }),
    mail: Bucket.fromBucketAttributes(scope, 'SharedMail', {
      bucketArn: value('mailBucketArn'),
      encryptionKey: mailKey,
      region: Stack.of(scope).region,
    }),
    linkKey: Key.fromKeyArn(scope, 'SharedLinkKey', value('linkKeyArn')),
  };
}

/** The Cognito issuer and SPA client, as the api and web stacks trust them. */
export function importIssuer(
  scope: Construct,
  stage: string,
): { issuerUrl: string; audience: string } {
  const { region, urlSuffix } = Stack.of(scope);
  return {
    issuerUrl: `https://cognito-idp.${region}.${urlSuffix}/${shared(scope, stage, 'userPoolId')}`,
    audience: shared(scope, stage, 'spaClientId'),
  };
}

/** The auth stack's user pool, by its shared id: what the directory's routes manage accounts in. */
export function importUserPool(
  scope: Construct,
  stage: string,
): { userPoolId: string; userPoolArn: string } {
  const userPoolId = shared(scope, stage, 'userPoolId');
  return {
    userPoolId,
    userPoolArn: Stack.of(scope).formatArn({
      service: 'cognito-idp',
      resource: 'userpool',
      resourceName: userPoolId,
    }),
  };
}

/**
 * The vendor staff the mail intake recognises (context vendorStaffEmails), comma-separated in one
 * SSM parameter that the intake reads at cold start: an environment variable (4 KB for all of a
 * function's variables) held about 34 of them. Standard tier to 4 KB (~150 addresses), advanced
 * to 8 KB; beyond that synth says so. None: no parameter, and the intake knows no staff.
 */
export function vendorStaffParameter(
  scope: Construct,
  config: Pick<WeibaoConfig, 'stage' | 'vendorStaffEmails'>,
): StringParameter | undefined {
  if (config.vendorStaffEmails.length === 0) return undefined;
  const value = config.vendorStaffEmails.join(',');
  if (value.length > 8192)
    throw new Error(
      `context vendorStaffEmails is ${value.length} characters; an SSM parameter holds 8192 at most`,
    );
  return new StringParameter(scope, 'VendorStaff', {
    parameterName: `/weibao/${config.stage}/mail/vendor-staff`,
    stringValue: value,
    tier: value.length > 4096 ? ParameterTier.ADVANCED : ParameterTier.STANDARD,
    description: `weibao ${config.stage}: vendor staff whose emailed replies count as the vendor's`,
  });
}
