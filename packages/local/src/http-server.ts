import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { RouteDef } from '@weibao/api';
import { buildApiEvent, responseFromResult, type RawRequest } from './api-event.ts';
import { authorizerClaims } from './claims.ts';
import { HandlerNotFoundError, type HandlerLoader } from './handler-loader.ts';
import type { LocalIssuer } from './issuer.ts';
import type { LocalDirectory } from './local-directory.ts';
import { lambdaContext, localFunctionName } from './lambda-context.ts';
import { clockRoute } from './clock-routes.ts';
import type { LocalClock } from './clock.ts';
import { localRoute, runtimeConfigReply } from './local-routes.ts';
import type { WebhookStandIn } from './webhook-standin.ts';
import { problem, problemContentType } from './problem.ts';
import {
  contentSecurityPolicyFor,
  internalServerError,
  jsonReply,
  notFound,
  securityHeaders,
  serviceUnavailable,
  unauthorized,
  type Reply,
} from './reply.ts';
import { createRouter, type RouteMatch } from './router.ts';
import { serveStatic, type NotBuiltLinks } from './static-files.ts';

/**
 * 1 MiB. API Gateway takes 10 MB and Lambda 6 MB per event; a lower limit here means whatever works
 * locally also fits on AWS, and no JSON body of this API comes near it (files go to S3 directly).
 */
export const defaultMaxBodyBytes = 1024 * 1024;
/** API Gateway's longest integration timeout: after 30 s it answers 503 itself. */
export const integrationTimeoutMs = 30_000;

export interface LocalHttpServerOptions {
  routes: readonly RouteDef[];
  loadHandler: HandlerLoader;
  /**
   * Runs a route's handler (loading included) as the route's own function, with only its
   * environment (function-scope.ts). Default: as the process.
   */
  runAsFunction?: <T>(route: RouteDef, body: () => Promise<T>) => Promise<T>;
  issuer: LocalIssuer;
  /** Who the local issuer signs in: the people of the directory (else the demo users). */
  directory?: LocalDirectory;
  /**
   * The stack's clock, which `/local/clock` shows and moves (the training clock), and what to run
   * after a move: the Scheduler stand-in's due schedules. Absent: no `/local/clock`.
   */
  clock?: { clock: LocalClock; afterMove(): Promise<void> };
  /** The WeCom and DingTalk robots' stand-in under `/local/webhooks`. Absent: none. */
  webhooks?: WebhookStandIn;
  /** Absolute path of the built SPA. */
  webDist: string;
  /** Shown on the page that stands in for an unbuilt SPA. */
  links: NotBuiltLinks;
  /** Origins the SPA may connect to besides its own (the files bucket for presigned PUTs). */
  connectOrigins?: readonly string[];
  region: string;
  /** The domain of the hospitals' intake addresses, told to the SPA in /config.json. */
  intakeDomain?: string;
  maxBodyBytes?: number;
  timeoutMs?: number;
  /** One line per request; nothing when absent. */
  log?: (line: string) => void;
}

type BodyRead = { ok: true; body: Buffer } | { ok: false };

/** The client went away before its request was read; there is nobody to answer. */
class ClientGoneError extends Error {}

/** Reads the body up to the limit; past it, stops keeping bytes and answers at once. */
function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    let ended = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve({ ok: false });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      ended = true;
      if (!over) resolve({ ok: true, body: Buffer.concat(chunks) });
    });
    req.on('close', () => {
      if (!ended && !over) reject(new ClientGoneError());
    });
    req.on('error', () => {
      if (!ended && !over) reject(new ClientGoneError());
    });
  });
}

function tooLarge(limit: number): Reply {
  return jsonReply(
    413,
    problem(413, 'Content Too Large', `The request body is larger than ${limit} bytes.`),
    problemContentType,
  );
}

function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const token = header.replace(/^Bearer\s+/i, '').trim();
  return token === '' ? undefined : token;
}

/** Shaped like API Gateway's request ids, which it also returns as apigw-requestid. */
function newRequestId(): string {
  return randomBytes(10).toString('base64').replace(/=+$/, '=');
}

function rawRequest(
  req: IncomingMessage,
  rawPath: string,
  rawQueryString: string,
  body?: Buffer,
): RawRequest {
  const headers: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (values) headers[name] = values;
  }
  return {
    method: req.method ?? 'GET',
    rawPath,
    rawQueryString,
    headers,
    body,
    sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    protocol: `HTTP/${req.httpVersion}`,
  };
}

/**
 * The API Gateway HTTP API stand-in: routes from the route table, the JWT authorizer (401 before
 * any handler runs), payload 2.0 events, and the Lambda result mapped back; plus the Cognito
 * stand-in under /local and the built SPA at /.
 */
/**
 * How long an idle connection stays open. Node's default of 5 s let a test lose a request: the
 * tests run client and stack in one process and convert documents with a blocking spawnSync, and
 * a request sent on the idle socket just after such a block met the server's idle timer in the
 * same turn (ECONNRESET; 2 of 5 such requests after a 6 s block). A minute outlasts any block.
 */
export const localKeepAliveMs = 65_000;

export function createLocalHttpServer(options: LocalHttpServerOptions): Server {
  const router = createRouter(options.routes);
  const csp = contentSecurityPolicyFor(options.connectOrigins ?? []);
  const limit = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const timeoutMs = options.timeoutMs ?? integrationTimeoutMs;
  const runAsFunction = options.runAsFunction ?? ((_route, body) => body());

  async function invoke(
    req: IncomingMessage,
    match: RouteMatch,
    rawPath: string,
    rawQueryString: string,
    requestId: string,
  ): Promise<Reply> {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return tooLarge(limit);

    let authorizer;
    if (match.route.access.kind !== 'public') {
      const token = bearerToken(req.headers.authorization);
      if (!token) return unauthorized();
      let payload;
      try {
        payload = await options.issuer.verify(token);
      } catch (err) {
        const reason = err instanceof Error ? err.message.replace(/"/g, "'") : 'invalid token';
        return unauthorized({
          'www-authenticate': `Bearer error="invalid_token" error_description="${reason}"`,
        });
      }
      // ID tokens carry no scope claim; API Gateway then passes scopes: null.
      const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : null;
      authorizer = { jwt: { claims: authorizerClaims(payload), scopes } };
    }

    const read = await readBody(req, limit);
    if (!read.ok) return tooLarge(limit);

    const now = new Date();
    const event = buildApiEvent(rawRequest(req, rawPath, rawQueryString, read.body), {
      routeKey: match.routeKey,
      pathParameters: match.pathParameters,
      authorizer,
      requestId,
      now,
    });
    const name = match.route.handler;
    let timer: NodeJS.Timeout | undefined;
    try {
      const context = lambdaContext(
        localFunctionName(name),
        options.region,
        now.getTime() + timeoutMs,
      );
      const result = await runAsFunction(match.route, async () => {
        const handler = await options.loadHandler(name);
        const timedOut = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), timeoutMs);
        });
        return Promise.race([handler(event, context), timedOut]);
      });
      if (result === 'timeout') {
        console.error(`[local] functions/${name}.ts did not answer within ${timeoutMs} ms`);
        return serviceUnavailable();
      }
      const r = responseFromResult(result);
      return { status: r.statusCode, headers: r.headers, body: r.body, cookies: r.cookies };
    } catch (err) {
      // API Gateway hides the error from the caller; the handler's log (here: the console) has it.
      if (err instanceof HandlerNotFoundError)
        console.error(`[local] ${match.routeKey}: ${err.message}`);
      else console.error(`[local] ${match.routeKey} failed in functions/${name}.ts:`, err);
      return internalServerError();
    } finally {
      clearTimeout(timer);
    }
  }

  async function route(req: IncomingMessage, requestId: string): Promise<Reply> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q === -1 ? url : url.slice(0, q);
    const rawQueryString = q === -1 ? '' : url.slice(q + 1);
    const method = req.method ?? 'GET';
    if (!rawPath.startsWith('/')) return notFound();

    if (rawPath === '/local/clock' && options.clock) {
      const clock = clockRoute(method, options.clock.clock, options.clock.afterMove);
      if (!clock.needsBody) return clock.reply;
      const read = await readBody(req, limit);
      return read.ok ? clock.handle(read.body, req.headers['content-type']) : tooLarge(limit);
    }
    if (
      options.webhooks &&
      (rawPath === '/local/webhooks' || rawPath.startsWith('/local/webhooks/'))
    ) {
      const read = await readBody(req, limit);
      if (!read.ok) return tooLarge(limit);
      return options.webhooks.handle(
        method,
        rawPath,
        rawQueryString,
        read.body,
        req.headers.accept,
      );
    }
    if (rawPath === '/local' || rawPath.startsWith('/local/')) {
      const local = localRoute(method, rawPath, options.issuer, options.directory);
      if (!local.needsBody) return local.reply;
      const read = await readBody(req, limit);
      return read.ok ? local.handle(read.body) : tooLarge(limit);
    }
    if (rawPath === '/config.json')
      return runtimeConfigReply(method, options.issuer, options.intakeDomain);
    const match = router.match(method, rawPath);
    if (match) return invoke(req, match, rawPath, rawQueryString, requestId);
    if (rawPath === '/api' || rawPath.startsWith('/api/')) return notFound();
    if (method === 'GET' || method === 'HEAD') {
      return serveStatic(options.webDist, rawPath, options.links, csp);
    }
    return notFound();
  }

  function send(res: ServerResponse, reply: Reply, requestId: string, head: boolean): void {
    const headers: Record<string, string | string[]> = { ...securityHeaders, ...reply.headers };
    headers['apigw-requestid'] = requestId;
    headers['content-length'] = String(reply.body.length);
    if (reply.cookies && reply.cookies.length > 0) headers['set-cookie'] = reply.cookies;
    res.writeHead(reply.status, headers);
    res.end(head ? undefined : reply.body);
  }

  const server = createServer((req, res) => {
    const started = Date.now();
    const requestId = newRequestId();
    void route(req, requestId)
      .catch((err: unknown): Reply | undefined => {
        if (err instanceof ClientGoneError) return undefined;
        console.error('[local] request failed:', err);
        return internalServerError();
      })
      .then((reply) => {
        if (!reply || res.destroyed) return;
        let status = reply.status;
        try {
          send(res, reply, requestId, req.method === 'HEAD');
        } catch (err) {
          // E.g. a handler header with characters HTTP does not allow: answer 500, do not crash.
          console.error(`[local] ${req.method} ${req.url}: could not send the response:`, err);
          status = 500;
          if (res.headersSent) res.destroy();
          else send(res, internalServerError(), requestId, false);
        }
        options.log?.(`${req.method} ${req.url} → ${status} (${Date.now() - started} ms)`);
      });
  });
  server.keepAliveTimeout = localKeepAliveMs;
  // Above the keep-alive, so a request on a reused connection is never cut by the headers timer.
  server.headersTimeout = localKeepAliveMs + 1_000;
  return server;
}
