import { NestedStack } from 'aws-cdk-lib';
import {
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  type IHttpApi,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { RouteDef } from '@weibao/api';
import { acknowledge } from './nag.ts';
import { pascal } from './names.ts';
import {
  type FunctionOps,
  type InboundMail,
  type MailSending,
  WeibaoFunction,
} from './weibao-function.ts';

/** The route table cut by capability, as `routesByCapability` of @weibao/api gives it. */
export type RoutesByCapability = { readonly [capability: string]: readonly RouteDef[] };

/**
 * Routes per nested stack. A route brings eight resources (function, role, policy, log group,
 * invoke permission, integration, route, alarm): 20 routes are 160, well below the 250 this
 * project allows a template (CloudFormation's own limit is 500).
 */
export const maxRoutesPerStack = 20;

export interface RouteChunk {
  /** Construct id of the nested stack: `TicketsRoutes`, then `TicketsRoutes2`, … */
  id: string;
  capability: string;
  routes: readonly RouteDef[];
}

/**
 * One nested stack per capability, cut into several when it has more than `max` routes. Chunks
 * follow the order of the capability's routes, and the first keeps the capability's name, so a
 * route appended to a capability never moves another route to a different stack.
 */
export function routeChunks(
  byCapability: RoutesByCapability,
  max: number = maxRoutesPerStack,
): RouteChunk[] {
  const chunks: RouteChunk[] = [];
  for (const capability of Object.keys(byCapability).sort()) {
    const routes = byCapability[capability] ?? [];
    for (let start = 0, part = 1; start < routes.length; start += max, part++) {
      chunks.push({
        id: `${pascal(capability)}Routes${part === 1 ? '' : part}`,
        capability,
        routes: routes.slice(start, start + max),
      });
    }
  }
  const ids = chunks.map((c) => c.id);
  const clash = ids.find((id, i) => ids.indexOf(id) !== i);
  if (clash) throw new Error(`two capabilities make the nested stack ${clash}: rename one`);
  return chunks;
}

/** What every route's function may be granted, shared by all route stacks. */
export interface RouteResources {
  table: ITable;
  linkKey: IKey;
  filesBucket: IBucket;
  inbound: InboundMail;
  mail: MailSending;
  logsKey: IKey;
  httpApi: IHttpApi;
  /** The one JWT authorizer of the API, defined in the parent stack. */
  jwt: IHttpRouteAuthorizer;
  ops: FunctionOps;
  /** The Cognito user pool, for routes that declare `uses.accounts`; none with another OIDC issuer. */
  userPool?: { userPoolId: string; userPoolArn: string } | undefined;
}

export interface RouteStackProps extends RouteResources {
  chunk: RouteChunk;
  stage: string;
}

/**
 * The functions and routes of one chunk of one capability, in a nested stack of the API stack.
 * CloudFormation hands it what it references of the parent (API id, authorizer id, keys, the
 * ops topic) as nested-stack parameters, so no export ties the stacks together.
 */
export class RouteStack extends NestedStack {
  readonly functions: ReadonlyMap<string, WeibaoFunction>;

  constructor(scope: Construct, props: RouteStackProps) {
    const { chunk } = props;
    super(scope, chunk.id, {
      description: `weibao ${props.stage}: routes of ${chunk.capability} (${chunk.id}), one function each`,
    });
    const none = new HttpNoneAuthorizer();
    const functions = new Map<string, WeibaoFunction>();
    for (const route of chunk.routes) {
      const name = pascal(route.operationId);
      // One function per route, even where two routes share a handler file: each gets its own
      // role, so a read route never inherits a write route's permissions.
      const fn = new WeibaoFunction(this, name, {
        handler: route.handler,
        description: `${route.method} ${route.path}: ${route.summary}`.slice(0, 256),
        logsKey: props.logsKey,
        ops: props.ops,
      });
      fn.bindTable(props.table, route.method === 'GET' ? 'read' : 'readWrite');
      if (route.uses?.files) fn.bindFilesBucket(props.filesBucket, route.uses.files);
      if (route.uses?.inbound === 'read') fn.bindInbound(props.inbound);
      if (route.uses?.mail === 'account') fn.bindMailAccount();
      if (route.uses?.mail === 'send') fn.bindMailSend(props.mail);
      if (route.uses?.links === 'sign') fn.bindLinkKey(props.linkKey, props.mail.webOrigin);
      if (route.uses?.accounts && props.userPool) fn.bindUserPool(props.userPool);
      functions.set(route.operationId, fn);

      const authorizer: IHttpRouteAuthorizer = route.access.kind === 'public' ? none : props.jwt;
      const httpRoute = new HttpRoute(this, `${name}Route`, {
        httpApi: props.httpApi,
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
}
