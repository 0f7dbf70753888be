import { type App, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import {
  eventHandlers,
  metricsNamespace,
  routesByCapability as defaultRoutesByCapability,
} from '@weibao/api';
import { Api } from './api.ts';
import { Auth } from './auth.ts';
import type { WeibaoConfig } from './config.ts';
import { Data } from './data.ts';
import { MailIntake } from './mail-intake.ts';
import { Monitoring } from './monitoring.ts';
import { OpsTopic, opsTopicByName } from './ops-topic.ts';
import type { RoutesByCapability } from './route-stacks.ts';
import { Scheduling } from './scheduling.ts';
import { Web } from './web.ts';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import {
  importData,
  importIssuer,
  importUserPool,
  share,
  shared,
  vendorStaffParameter,
} from './shared-values.ts';

/** Stateful and retained: the table, the files bucket and their key. Deployed first, changed rarely. */
export class DataStack extends Stack {
  readonly data: Data;

  constructor(scope: Construct, id: string, props: StackProps & { config: WeibaoConfig }) {
    super(scope, id, props);
    const { config } = props;
    this.data = new Data(this, 'Data', {
      mailRetentionDays: config.mailRetentionDays,
      webOrigins: [
        config.webOrigin,
        ...(config.webDomain?.names.map((name) => `https://${name}`) ?? []),
      ].filter((o, i, all) => all.indexOf(o) === i),
    });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'MailBucket', { value: this.data.mail.bucketName });
    const d = this.data;
    share(this, config.stage, 'tableArn', d.table.tableArn);
    share(this, config.stage, 'tableStreamArn', d.table.tableStreamArn as string);
    share(this, config.stage, 'dataKeyArn', d.key.keyArn);
    share(this, config.stage, 'filesBucketArn', d.files.bucketArn);
    share(this, config.stage, 'mailBucketArn', d.mail.bucketArn);
    share(this, config.stage, 'mailKeyArn', d.mailKey.keyArn);
    share(this, config.stage, 'linkKeyArn', d.linkKey.keyArn);
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
      // The API stack makes the ops topic; this stack is deployed before it, so it names the topic.
      ops: {
        alarmTopic: opsTopicByName(this, 'OpsTopic', config.stage),
        metricsNamespace: metricsNamespace(config.stage),
      },
      email: config.mailDomainGiven
        ? { from: config.mailFrom, domain: config.mailDomain }
        : undefined,
    });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.spaClient.userPoolClientId });
    share(this, config.stage, 'userPoolId', this.auth.userPool.userPoolId);
    share(this, config.stage, 'spaClientId', this.auth.spaClient.userPoolClientId);
  }
}

export interface ApiStackProps extends StackProps {
  config: WeibaoConfig;
  /** The route table by capability: one nested stack each (more for a large one). */
  routesByCapability: RoutesByCapability;
}

/**
 * The HTTP API with one function per route, and SLA timers (schedule group, timer function, dead
 * letters). Functions and API are stateless; the schedule group and the dead letters are retained.
 */
export class ApiStack extends Stack {
  readonly api: Api;
  readonly scheduling: Scheduling;
  readonly mailIntake: MailIntake;
  readonly ops: OpsTopic;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    // From the data and auth stacks through SSM parameters, not exports (shared-values.ts).
    const data = importData(this, config.stage);
    // Whose ID tokens the API accepts: the Cognito user pool's, or the configured OIDC provider's.
    const issuer = config.oidc ?? importIssuer(this, config.stage);
    this.ops = new OpsTopic(this, 'Ops', { stage: config.stage, email: config.opsEmail });
    const ops = { alarmTopic: this.ops.topic, metricsNamespace: metricsNamespace(config.stage) };
    const inbound = {
      bucket: data.mail,
      prefix: 'inbound/',
      intakeDomain: config.intakeDomain ?? config.mailDomain,
      directory: vendorStaffParameter(this, config),
    };
    const mail = {
      domain: config.mailDomain,
      from: config.mailFrom,
      webOrigin: config.webOrigin,
      intakeDomain: inbound.intakeDomain,
      sendRate: config.sesSendRate,
    };
    this.api = new Api(this, 'Api', {
      inbound,
      routesByCapability: props.routesByCapability,
      stage: config.stage,
      ops,
      table: data.table,
      filesBucket: data.files,
      linkKey: data.linkKey,
      mail,
      issuerUrl: issuer.issuerUrl,
      audience: issuer.audience,
      // With weibao's own pool, inviting a person creates their sign-in; another OIDC issuer
      // manages its accounts itself.
      userPool: config.oidc ? undefined : importUserPool(this, config.stage),
      webOrigin: config.webOrigin,
      throttle: config.throttle,
    });
    this.scheduling = new Scheduling(this, 'Scheduling', {
      eventHandlers,
      table: data.table,
      filesBucket: data.files,
      linkKey: data.linkKey,
      logsKey: this.api.logsKey,
      mail,
      namePrefix: `weibao-${config.stage}`,
      ops,
    });
    this.api.bindTimers(this.scheduling.timers);
    this.mailIntake = new MailIntake(this, 'MailIntake', {
      eventHandlers,
      table: data.table,
      filesBucket: data.files,
      inbound,
      logsKey: this.api.logsKey,
      deadLetterKey: this.scheduling.deadLetterKey,
      mail,
      timers: this.scheduling.timers,
      linkKey: data.linkKey,
      namePrefix: `weibao-${config.stage}`,
      ops,
    });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      stage: config.stage,
      topic: this.ops.topic,
      metricsNamespace: ops.metricsNamespace,
      httpApi: this.api.httpApi,
      deadLetterQueues: [
        { name: 'SLA timers and reminders', queue: this.scheduling.deadLetterQueue },
        { name: 'mail intake', queue: this.mailIntake.deadLetterQueue },
      ],
      scheduleGroups: [{ name: 'SLA timers and reminders', group: this.scheduling.group }],
      lambdaConcurrency: config.lambdaConcurrency,
      functionAlarms: [
        ...this.api.functions.values(),
        ...this.scheduling.functions.values(),
        ...this.mailIntake.functions.values(),
      ].map((fn) => fn.alarm),
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'OpsTopicArn', { value: this.ops.topic.topicArn });
    new CfnOutput(this, 'Dashboard', { value: this.monitoring.dashboard.dashboardName });
    share(this, config.stage, 'apiEndpoint', this.api.httpApi.apiEndpoint);
    new CfnOutput(this, 'ScheduleGroup', { value: this.scheduling.group.scheduleGroupName });
    new CfnOutput(this, 'IntakeRuleSet', { value: this.mailIntake.ruleSet.receiptRuleSetName });
    new CfnOutput(this, 'MailDeadLetterQueueUrl', {
      value: this.mailIntake.deadLetterQueue.queueUrl,
    });
    new CfnOutput(this, 'TimerDeadLetterQueueUrl', {
      value: this.scheduling.deadLetterQueue.queueUrl,
    });
  }
}

export interface WebStackProps extends StackProps {
  config: WeibaoConfig;
  /** The Cognito managed-login domain, when there is one: the SPA exchanges codes there. */
  signInDomain: string | undefined;
}

/** The SPA: private bucket, CloudFront (also in front of the API under /api/*), WAF. */
export class WebStack extends Stack {
  readonly web: Web;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const { config } = props;
    // From the data, auth and api stacks through SSM parameters, not exports (shared-values.ts).
    const apiEndpoint = shared(this, config.stage, 'apiEndpoint');
    const issuer = config.oidc ?? importIssuer(this, config.stage);
    // Browsers PUT deliverables and proofs to the files bucket's regional domain (presigned).
    const filesBucketDomain = Bucket.fromBucketAttributes(this, 'Files', {
      bucketArn: shared(this, config.stage, 'filesBucketArn'),
      region: config.region,
    }).bucketRegionalDomainName;
    if (config.region !== 'us-east-1' && !config.webAclArn)
      throw new Error(
        `a CloudFront web ACL can only be made in us-east-1; this deployment is in ${config.region}: create one there and pass -c webAclArn=… (docs/deploy.md)`,
      );
    const issuerOrigin = config.oidc
      ? new URL(config.oidc.issuerUrl).origin
      : `https://cognito-idp.${config.region}.amazonaws.com`;
    this.web = new Web(this, 'Web', {
      apiEndpoint,
      runtimeConfig: {
        mode: 'cognito',
        authority: issuer.issuerUrl,
        clientId: issuer.audience,
        redirectUri: config.callbackUrl,
        logoutUri: config.webOrigin,
        scope: config.oidc
          ? 'openid email profile'
          : 'openid email profile aws.cognito.signin.user.admin',
        intakeDomain: config.intakeDomain ?? config.mailDomain,
      },
      connectOrigins: [
        issuerOrigin,
        ...(props.signInDomain ? [props.signInDomain] : []),
        `https://${filesBucketDomain}`,
      ],
      rateLimitPer5Min: config.wafRateLimit,
      webAclArn: config.webAclArn,
      domain: config.webDomain
        ? {
            names: config.webDomain.names,
            certificate: Certificate.fromCertificateArn(
              this,
              'Certificate',
              config.webDomain.certificateArn,
            ),
          }
        : undefined,
    });
    new CfnOutput(this, 'WebUrl', {
      value: `https://${this.web.distribution.distributionDomainName}`,
    });
    new CfnOutput(this, 'WebBucket', { value: this.web.bucket.bucketName });
  }
}

export interface WeibaoStacks {
  data: DataStack;
  /** Absent when another OIDC provider signs users in (context oidcIssuer). */
  auth: AuthStack | undefined;
  api: ApiStack;
  web: WebStack;
}

/**
 * The whole of weibao on AWS, in one deterministic function of the config. `routesByCapability`
 * defaults to the route table of @weibao/api; tests pass a larger one to prove the stacks' room.
 */
export function buildWeibao(
  app: App,
  config: WeibaoConfig,
  routesByCapability: RoutesByCapability = defaultRoutesByCapability,
): WeibaoStacks {
  const env = { account: config.account, region: config.region };
  // Stack tags: CloudFormation copies them onto every resource of the stack that takes tags.
  const tags = { app: 'weibao', stage: config.stage };
  const name = (part: string) => `weibao-${config.stage}-${part}`;

  const data = new DataStack(app, 'Data', {
    env,
    config,
    stackName: name('data'),
    tags,
    description: `weibao ${config.stage}: single DynamoDB table, files and mail buckets and their KMS keys (retained)`,
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
    routesByCapability,
    stackName: name('api'),
    tags,
    description: `weibao ${config.stage}: HTTP API from the route table (routes in nested stacks by capability), SLA timers, mail intake, alarms`,
  });
  const web = new WebStack(app, 'Web', {
    env,
    config,
    signInDomain:
      !config.oidc && config.authDomainPrefix
        ? `https://${config.authDomainPrefix}.auth.${config.region}.amazoncognito.com`
        : undefined,
    stackName: name('web'),
    tags,
    description: `weibao ${config.stage}: the web app on S3 and CloudFront (API under /api/*), WAF`,
  });
  // Values pass through SSM parameters, so CloudFormation sees no reference between the stacks:
  // the order is declared here (a dependency, unlike an export, locks nothing).
  for (const before of [data, ...(auth ? [auth] : [])]) {
    api.addStackDependency(before);
    web.addStackDependency(before);
  }
  web.addStackDependency(api);
  return { data, auth, api, web };
}
