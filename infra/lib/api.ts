import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey, Key } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteDef } from '@weibao/api';
import { logsKey } from './logs-key.ts';
import { acknowledge } from './nag.ts';
import { pascal } from './names.ts';
import {
  type InboundMail,
  type MailSending,
  type TimerResources,
  WeibaoFunction,
} from './weibao-function.ts';

export interface ApiProps {
  /** The route table of @weibao/api: one HTTP API route and one function per entry. */
  routes: readonly RouteDef[];
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
  issuerUrl: string;
  /** The SPA's app client id: tokens minted for any other client are refused. */
  audience: string;
  /** The one origin browsers may call the API from. */
  webOrigin: string;
  throttle: { rateLimit: number; burstLimit: number };
}

/**
 * The HTTP API, built from the route table rather than by hand, so a route cannot be wired to the
 * wrong function and a new route cannot be forgotten here.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly functions: ReadonlyMap<string, WeibaoFunction>;
  readonly logsKey: Key;
  private readonly routes: readonly RouteDef[];

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.routes = props.routes;

    this.logsKey = logsKey(
      this,
      'LogsKey',
      'weibao: encrypts the API access logs and the function logs',
    );

    const methods = [...new Set(props.routes.map((route) => route.method))].sort();
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'weibao API, built from the route table of @weibao/api',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [props.webOrigin],
        allowMethods: methods.map((method) => CorsHttpMethod[method]),
        allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
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

    const jwt = new HttpJwtAuthorizer('CognitoJwt', props.issuerUrl, {
      jwtAudience: [props.audience],
    });
    const none = new HttpNoneAuthorizer();

    const functions = new Map<string, WeibaoFunction>();
    for (const route of props.routes) {
      const name = pascal(route.operationId);
      // One function per route, even where two routes share a handler file: each gets its own
      // role, so a read route never inherits a write route's permissions.
      const fn = new WeibaoFunction(this, name, {
        handler: route.handler,
        description: `${route.method} ${route.path}: ${route.summary}`.slice(0, 256),
        logsKey: this.logsKey,
      });
      fn.bindTable(props.table, route.method === 'GET' ? 'read' : 'readWrite');
      if (route.uses?.files) fn.bindFilesBucket(props.filesBucket, route.uses.files);
      if (route.uses?.inbound === 'read') fn.bindInbound(props.inbound);
      if (route.uses?.mail === 'account') fn.bindMailAccount();
      if (route.uses?.mail === 'send') fn.bindMailSend(props.mail);
      if (route.uses?.links === 'sign') fn.bindLinkKey(props.linkKey);
      functions.set(route.operationId, fn);

      const authorizer: IHttpRouteAuthorizer = route.access.kind === 'public' ? none : jwt;
      const httpRoute = new HttpRoute(this, `${name}Route`, {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: new HttpLambdaIntegration(`${name}Integration`, fn.function),
        authorizer,
      });
      if (route.access.kind === 'public') {
        acknowledge(
          httpRoute,
          'AwsSolutions-APIG4',
          `${route.method} ${route.path} is public by design in the route table (access: public): it serves no tenant data and must answer without a token.`,
        );
      }
    }
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
