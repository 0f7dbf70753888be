import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpAuthorizer,
  HttpAuthorizerType,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey, Key } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteDef } from '@weibao/api';
import { logsKey } from './logs-key.ts';
import { RouteStack, routeChunks, type RoutesByCapability } from './route-stacks.ts';
import type {
  FunctionOps,
  InboundMail,
  MailSending,
  TimerResources,
  WeibaoFunction,
} from './weibao-function.ts';

export interface ApiProps {
  /**
   * The route table of @weibao/api by capability: one HTTP API route and one function per entry,
   * in one nested stack per capability (more where a capability outgrows one).
   */
  routesByCapability: RoutesByCapability;
  /** Names the nested stacks' descriptions. */
  stage: string;
  /** The ops topic every function's alarm notifies, and the metrics namespace. */
  ops: FunctionOps;
  table: ITable;
  /** The HMAC key of signed links, for routes that declare `uses.links`. */
  linkKey: IKey;
  /** The files bucket, for routes that declare `uses.files`. */
  filesBucket: IBucket;
  /** Received mail, for routes that declare `uses.inbound` (the quarantine). */
  inbound: InboundMail;
  /** The sending identity, for routes that declare `uses.mail: 'send'`. */
  mail: MailSending;
  /** The Cognito issuer (https://cognito-idp.<region>.amazonaws.com/<pool id>) tokens must come from. */
  /** The Cognito user pool whose accounts the directory manages; none with another OIDC issuer. */
  userPool?: { userPoolId: string; userPoolArn: string } | undefined;
  issuerUrl: string;
  /** The SPA's app client id: tokens minted for any other client are refused. */
  audience: string;
  /** The one origin browsers may call the API from. */
  webOrigin: string;
  throttle: { rateLimit: number; burstLimit: number };
}

/**
 * The HTTP API, built from the route table rather than by hand, so a route cannot be wired to the
 * wrong function and a new route cannot be forgotten here. The API, its stage and its one JWT
 * authorizer live here; the routes and their functions live in nested stacks by capability
 * (route-stacks.ts), so no template comes near CloudFormation's 500 resources as routes are added.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly functions: ReadonlyMap<string, WeibaoFunction>;
  readonly logsKey: Key;
  /** The nested stacks holding the routes and their functions. */
  readonly routeStacks: readonly RouteStack[];
  private readonly routes: readonly RouteDef[];

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.routes = Object.values(props.routesByCapability).flat();

    this.logsKey = logsKey(
      this,
      'LogsKey',
      'weibao: encrypts the API access logs and the function logs',
    );

    const methods = [...new Set(this.routes.map((route) => route.method))].sort();
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'weibao API, built from the route table of @weibao/api',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [props.webOrigin],
        allowMethods: methods.map((method) => CorsHttpMethod[method]),
        allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-none-match'],
        // A refetch sends If-None-Match with the ETag it got and keeps its data on 304.
        exposeHeaders: ['etag'],
        // Bearer tokens, not cookies: the browser never needs to send credentials.
        allowCredentials: false,
        maxAge: Duration.hours(1),
      },
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      encryptionKey: this.logsKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
    });

    // Made here, in the parent stack, so that every route stack refers to the one authorizer by id.
    const authorizer = new HttpAuthorizer(this.httpApi, 'CognitoJwt', {
      httpApi: this.httpApi,
      type: HttpAuthorizerType.JWT,
      authorizerName: 'CognitoJwt',
      identitySource: ['$request.header.Authorization'],
      jwtIssuer: props.issuerUrl,
      jwtAudience: [props.audience],
    });
    const jwt = HttpAuthorizer.fromHttpAuthorizerAttributes(this, 'Jwt', {
      authorizerId: authorizer.authorizerId,
      authorizerType: HttpAuthorizerType.JWT,
    });

    const functions = new Map<string, WeibaoFunction>();
    const stacks: RouteStack[] = [];
    for (const chunk of routeChunks(props.routesByCapability)) {
      const stack = new RouteStack(this, {
        chunk,
        stage: props.stage,
        table: props.table,
        linkKey: props.linkKey,
        filesBucket: props.filesBucket,
        inbound: props.inbound,
        mail: props.mail,
        logsKey: this.logsKey,
        httpApi: this.httpApi,
        jwt,
        ops: props.ops,
        userPool: props.userPool,
      });
      stacks.push(stack);
      for (const [operationId, fn] of stack.functions) functions.set(operationId, fn);
    }
    this.routeStacks = stacks;
    this.functions = functions;
  }

  /**
   * Grants what each route's `uses.timers` and `uses.reminders` declare. Separate from the
   * constructor because the timer functions' log groups use this construct's logs key, so
   * Scheduling comes after the API.
   */
  bindTimers(timers: TimerResources): void {
    for (const route of this.routes) {
      const fn = this.functions.get(route.operationId);
      const access = route.uses?.timers;
      if (access) fn?.bindTimers(timers, access);
      if (route.uses?.reminders === 'replace') fn?.bindReminders(timers);
      if (route.uses?.channels === 'schedule') fn?.bindChannelDeliveries(timers);
    }
  }

  /** The base URL of the API, e.g. https://abc123.execute-api.us-east-1.amazonaws.com/ */
  get url(): string {
    return this.stage.url;
  }
}

/** One JSON object per request; `sub` (a Cognito user id, not a name) says who called. */
const accessLogFields = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  sub: '$context.authorizer.claims.sub',
};
