import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { tableDefinition } from '@weibao/store/table';
import { acknowledge } from './nag.ts';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** functions/<handler>.ts, the entry a route's `handler` names. */
export function handlerEntry(handler: string): string {
  return join(repoRoot, 'functions', `${handler}.ts`);
}

export type TableAccess = 'read' | 'readWrite';

// Listed one by one: no dynamodb:* and no Scan, which the codebase forbids (see eslint.config.js).
const tableActions: Record<TableAccess, string[]> = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:DescribeTable'],
  readWrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:DescribeTable',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
    // TransactWriteItems has no IAM action of its own: it needs the item actions above plus this.
    'dynamodb:ConditionCheckItem',
  ],
};
// DynamoDB decrypts the table key with the caller's permission; writes also encrypt.
const keyActions: Record<TableAccess, string[]> = {
  read: ['kms:Decrypt', 'kms:DescribeKey'],
  readWrite: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
};

export interface WeibaoFunctionProps {
  /** `hospitals/create-hospital` → functions/hospitals/create-hospital.ts exporting `handler`. */
  handler: string;
  description: string;
  /** Encrypts the function's log group: logs may hold names and emails of hospital staff. */
  logsKey: IKey;
  memorySize?: number;
  timeout?: Duration;
  logRetention?: RetentionDays;
}

/**
 * Every weibao Lambda function, with the defaults in one place: Node 24 on ARM64, one minified
 * ESM bundle with source maps, JSON logs to its own encrypted log group with a retention, X-Ray
 * tracing, and a role that starts empty and grows only through the bind helpers.
 */
export class WeibaoFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: WeibaoFunctionProps) {
    super(scope, id);

    const entry = handlerEntry(props.handler);
    if (!existsSync(entry))
      throw new Error(`handler file ${entry} is missing (route handler '${props.handler}')`);

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      encryptionKey: props.logsKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Our own role instead of the default one: the default attaches the AWS managed
    // AWSLambdaBasicExecutionRole, which may write to every log group in the account.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `weibao ${props.handler}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Handler', {
      entry,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      // CPU scales with memory: 1 GB keeps cold starts of the bundled SDK and zod short.
      memorySize: props.memorySize ?? 1024,
      // API Gateway gives up after 30 s; a handler that needs more than 10 s is a bug.
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      tracing: Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'weibao-api',
      },
      projectRoot: repoRoot,
      depsLockFilePath: join(repoRoot, 'package-lock.json'),
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        // Prefer a package's ESM build, so esbuild can drop what the handler does not import.
        mainFields: ['module', 'main'],
        // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
        banner:
          "import { createRequire as __weibaoCreateRequire } from 'node:module'; const require = __weibaoCreateRequire(import.meta.url);",
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        // Ship the SDK version the lockfile pins and the tests ran against, not the runtime's.
        bundleAwsSDK: true,
        tsconfig: join(repoRoot, 'tsconfig.json'),
      },
    });

    // HIPAA Security findings on every function, each accepted for a reason (docs/deploy.md).
    acknowledge(
      this.role,
      'HIPAA.Security-IAMNoInlinePolicy',
      'Each function has a role of its own whose one policy (CDK’s DefaultPolicy) is attached to that role alone and holds only what its route needs, built by the bind helpers and pinned per route by infra tests; a customer-managed policy would carry the same statements with the same single attachment, and AWS managed policies grant more than a route needs (AwsSolutions-IAM4).',
    );
    acknowledge(
      this.function,
      'HIPAA.Security-LambdaConcurrency',
      'Concurrency is limited where requests enter: the API stage throttles (context throttleRate/throttleBurst, 50 rps and a burst of 100 by default) and API Gateway is the only invoker. Reserved concurrency per function would be carved out of the account pool, cannot be set at all in a new account (limit 10), and would fail the deploy as routes are added.',
    );
    acknowledge(
      this.function,
      'HIPAA.Security-LambdaDLQ',
      'API Gateway invokes the function synchronously; a dead-letter queue only ever receives failed asynchronous invocations. A failure goes back to the caller as a 5xx problem+json with nothing written, and is in the function’s encrypted JSON log and X-Ray trace. Asynchronous consumers (mail intake, scheduler targets) get an on-failure destination when they arrive.',
    );
    acknowledge(
      this.function,
      'HIPAA.Security-LambdaInsideVPC',
      'The function reaches only AWS APIs (DynamoDB, S3, SES, X-Ray) over TLS with its IAM role; weibao has no resource in a VPC. Isolation of hospital data is by key and IAM, not network. Placing functions in a VPC without internet egress would add egress control against a compromised dependency at the price of interface endpoints for SES and X-Ray; that is recorded as a follow-up, not done in this slice.',
    );
    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      'Actions without resource-level permissions: X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) on every function, and ses:GetAccount on the health check only; AWS requires Resource "*" for them. No other statement of this role may use "*"; infra tests enforce that.',
    );
  }

  /** Sets TABLE_NAME and grants exactly the table (and index) actions `access` needs, nothing more. */
  bindTable(table: ITable, access: TableAccess): this {
    this.function.addEnvironment('TABLE_NAME', table.tableName);
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: tableActions[access], resources: [table.tableArn] }),
    );
    // Indexes are only ever queried; they are named one by one from the table definition.
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: tableDefinition.globalIndexes.map(
          (index) => `${table.tableArn}/index/${index.name}`,
        ),
      }),
    );
    if (table.encryptionKey) {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: keyActions[access],
          resources: [table.encryptionKey.keyArn],
          // Only through DynamoDB: the function cannot use the key to decrypt anything directly.
          conditions: {
            StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.amazonaws.com` },
          },
        }),
      );
    }
    return this;
  }

  /**
   * Sets FILES_BUCKET and grants s3:ListBucket on that bucket only (what HeadBucket needs). Object
   * access comes with the first route that reads or writes files.
   */
  bindFilesBucket(bucket: IBucket): this {
    this.function.addEnvironment('FILES_BUCKET', bucket.bucketName);
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
    );
    return this;
  }

  /** 'account': ses:GetAccount, which has no resource type, so it can only be granted on "*". */
  bindMailAccount(): this {
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] }),
    );
    return this;
  }
}
