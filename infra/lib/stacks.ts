import { type App, CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { eventHandlers, routes } from '@weibao/api';
import { Api } from './api.ts';
import { Auth } from './auth.ts';
import type { WeibaoConfig } from './config.ts';
import { Data } from './data.ts';
import { Scheduling } from './scheduling.ts';

/** Stateful and retained: the table, the files bucket and their key. Deployed first, changed rarely. */
export class DataStack extends Stack {
  readonly data: Data;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    this.data = new Data(this, 'Data');
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'FilesBucketArn', {
      value: this.data.files.bucketArn,
      exportName: this.filesBucketArnExport,
    });
  }

  /** The export the API stack imports to grant object access (proof uploads) on the files bucket. */
  get filesBucketArnExport(): string {
    return `${this.stackName}-files-bucket-arn`;
  }
}

/** Stateful too: the users. Its own stack so an API change can never replace the user pool. */
export class AuthStack extends Stack {
  readonly auth: Auth;

  constructor(scope: Construct, id: string, props: StackProps & { config: WeibaoConfig }) {
    super(scope, id, props);
    const { config } = props;
    this.auth = new Auth(this, 'Auth', {
      callbackUrl: config.callbackUrl,
      logoutUrl: config.webOrigin,
      domainPrefix: config.authDomainPrefix,
    });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.spaClient.userPoolClientId });
  }
}

export interface ApiStackProps extends StackProps {
  config: WeibaoConfig;
  data: Data;
  /** The Data stack's export of the files bucket ARN (DataStack.filesBucketArnExport). */
  filesBucketArnExport: string;
  /** Whose ID tokens the API accepts: the Cognito user pool's, or the configured OIDC provider's. */
  issuer: { issuerUrl: string; audience: string };
}

/**
 * The HTTP API with one function per route, and SLA timers (schedule group, timer function, dead
 * letters). Functions and API are stateless; the schedule group and the dead letters are retained.
 */
export class ApiStack extends Stack {
  readonly api: Api;
  readonly scheduling: Scheduling;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, data, issuer } = props;
    const filesObjects = {
      arn: `${Fn.importValue(props.filesBucketArnExport)}/*`,
      exportName: props.filesBucketArnExport,
    };
    this.api = new Api(this, 'Api', {
      routes,
      table: data.table,
      filesBucket: data.files,
      filesObjects,
      linkKey: data.linkKey,
      mail: { domain: config.mailDomain, from: config.mailFrom, webOrigin: config.webOrigin },
      issuerUrl: issuer.issuerUrl,
      audience: issuer.audience,
      webOrigin: config.webOrigin,
      throttle: config.throttle,
    });
    this.scheduling = new Scheduling(this, 'Scheduling', {
      eventHandlers,
      table: data.table,
      filesBucket: data.files,
      filesObjects,
      logsKey: this.api.logsKey,
      mail: { domain: config.mailDomain, from: config.mailFrom, webOrigin: config.webOrigin },
      namePrefix: `weibao-${config.stage}`,
    });
    this.api.bindTimers(this.scheduling.timers);
    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'ScheduleGroup', { value: this.scheduling.group.scheduleGroupName });
    new CfnOutput(this, 'TimerDeadLetterQueueUrl', {
      value: this.scheduling.deadLetterQueue.queueUrl,
    });
  }
}

export interface WeibaoStacks {
  data: DataStack;
  /** Absent when another OIDC provider signs users in (context oidcIssuer). */
  auth: AuthStack | undefined;
  api: ApiStack;
}

/** The whole of weibao on AWS, in one deterministic function of the config. */
export function buildWeibao(app: App, config: WeibaoConfig): WeibaoStacks {
  const env = { account: config.account, region: config.region };
  // Stack tags: CloudFormation copies them onto every resource of the stack that takes tags.
  const tags = { app: 'weibao', stage: config.stage };
  const name = (part: string) => `weibao-${config.stage}-${part}`;

  const data = new DataStack(app, 'Data', {
    env,
    stackName: name('data'),
    tags,
    description: `weibao ${config.stage}: single DynamoDB table, files bucket and their KMS key (retained)`,
    terminationProtection: true,
  });
  const auth = config.oidc
    ? undefined
    : new AuthStack(app, 'Auth', {
        env,
        config,
        stackName: name('auth'),
        tags,
        description: `weibao ${config.stage}: Cognito user pool, one group per role, SPA app client (retained)`,
        terminationProtection: true,
      });
  const api = new ApiStack(app, 'Api', {
    env,
    config,
    data: data.data,
    filesBucketArnExport: data.filesBucketArnExport,
    issuer: config.oidc ?? {
      issuerUrl: (auth as AuthStack).auth.issuerUrl,
      audience: (auth as AuthStack).auth.spaClient.userPoolClientId,
    },
    stackName: name('api'),
    tags,
    description: `weibao ${config.stage}: HTTP API from the route table, one Lambda function per route, SLA timers`,
  });
  return { data, auth, api };
}
