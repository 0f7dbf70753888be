import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import {
  AttributeType,
  BillingMode,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { tableDefinition } from '@weibao/store/table';
import { acknowledge } from './nag.ts';

/**
 * What weibao must never lose: the single table and the files bucket (contracts, mail, reports),
 * both under one customer-managed key, both retained when the stack is deleted.
 */
export class Data extends Construct {
  readonly key: Key;
  /** HMAC key of signed links (e.g. acknowledge an advance notice from its email); never leaves KMS. */
  readonly linkKey: Key;
  readonly table: Table;
  readonly files: Bucket;
  /** Received mail as SES stored it (raw MIME under `inbound/`): the written reports themselves. */
  readonly mail: Bucket;
  readonly mailKey: Key;
  readonly backupVault: BackupVault;

  constructor(
    scope: Construct,
    id: string,
    props: {
      mailRetentionDays: number;
      /** The web app's origins: browsers PUT and GET tenant files there with presigned URLs. */
      webOrigins: string[];
    },
  ) {
    super(scope, id);

    // Our own key, not AWS-owned: key policy and CloudTrail show who decrypted hospital data.
    this.key = new Key(this, 'DataKey', {
      description: 'weibao: encrypts the table and the files bucket',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });

    this.linkKey = new Key(this, 'LinkKey', {
      description: 'weibao: signs and checks single-use links (HMAC-SHA256 inside KMS)',
      keySpec: KeySpec.HMAC_256,
      keyUsage: KeyUsage.GENERATE_VERIFY_MAC,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });

    const { partitionKey, sortKey, globalIndexes, ttlAttribute } = tableDefinition;
    this.table = new Table(this, 'Table', {
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: ttlAttribute,
      // The rollups handler keeps the overview's figures from the stream (issue 19).
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    for (const index of globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }

    // PITR restores any second of the last 35 days; AWS Backup keeps what must last longer (a
    // quarter's evaluation is disputed months later) in a vault under the same key, retained.
    // Vault names are unique per account and region: the stack name carries the stage.
    this.backupVault = new BackupVault(this, 'BackupVault', {
      backupVaultName: `${Stack.of(this).stackName}-backups`,
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    const plan = new BackupPlan(this, 'BackupPlan', {
      backupVault: this.backupVault,
      backupPlanRules: [
        // 19:00 UTC is 03:00 in Asia/Shanghai, when hospitals change least.
        new BackupPlanRule({
          ruleName: 'Daily',
          scheduleExpression: Schedule.cron({ hour: '19', minute: '0' }),
          deleteAfter: Duration.days(35),
        }),
        new BackupPlanRule({
          ruleName: 'Monthly',
          scheduleExpression: Schedule.cron({ day: '1', hour: '19', minute: '0' }),
          deleteAfter: Duration.days(366),
        }),
      ],
    });
    const selection = plan.addSelection('Table', {
      resources: [BackupResource.fromDynamoDbTable(this.table)],
      allowRestores: false,
    });
    acknowledge(
      selection,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      'The role only AWS Backup assumes, for this plan’s selection (the table): AWS maintains this service-role policy as AWS Backup and DynamoDB backups change (native and advanced backups, KMS grants for CMK-encrypted tables); a hand-written copy would break backups silently. Restores are not allowed to this role.',
    );

    // S3 server access logs cannot be delivered to a KMS-encrypted bucket, hence S3-managed keys
    // here. cdk-nag knows a log destination needs no access log of its own (S1).
    const accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [
        { expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) },
      ],
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    acknowledge(
      accessLogs,
      'HIPAA.Security-S3DefaultEncryptionKMS',
      'S3 server access logs can only be delivered to a bucket encrypted with S3-managed keys (SSE-S3), not SSE-KMS; the bucket holds request logs, no hospital data, and is private, TLS-only and versioned.',
    );
    this.files = new Bucket(this, 'Files', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'files/',
      // Deliverables and proofs go browser → S3 with presigned URLs: only the web app may do so.
      cors: [
        {
          allowedOrigins: props.webOrigins,
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET],
          allowedHeaders: ['content-type', 'content-length'],
          exposedHeaders: ['etag'],
          maxAge: 3600,
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    // Its own key: SES writes with it, the intake function reads with it, nothing else uses it.
    this.mailKey = new Key(this, 'MailKey', {
      description: 'weibao: encrypts received mail (raw messages SES stores for the intake)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    // SES stores received mail with a role of its own (mail-intake.ts); that role's policy, not
    // this key's, says what it may do: the key policy trusts this account's IAM as CDK makes it.
    this.mail = new Bucket(this, 'Mail', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.mailKey,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'mail/',
      // The email is the written report that started the SLA clock: kept for the contract's
      // term and its renewals (context mailRetentionDays), then deleted.
      lifecycleRules: [
        {
          expiration: Duration.days(props.mailRetentionDays),
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    for (const bucket of [this.files, this.mail, accessLogs])
      acknowledge(
        bucket,
        'HIPAA.Security-S3BucketReplicationEnabled',
        'Hospital data stays in the region the vendor deployed to: hospitals and Chinese data law (PIPL, Data Security Law) restrict moving health data elsewhere, so no cross-region replica. Within the region S3 keeps every object in at least three availability zones, the buckets are versioned and retained on stack deletion.',
      );
  }
}
