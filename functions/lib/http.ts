import { createHash } from 'node:crypto';
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { authorize, isLimitedRole } from '@weibao/api/authorize';
import { principalFromClaims, type Principal } from '@weibao/api/claims';
import type { RouteDef } from '@weibao/api/route';
import { controlCharacterIssues } from '@weibao/api/text-schemas';
import { useChineseValidationMessages } from '@weibao/api/validation-messages';
import { AppError, hospitalLimitOf, type Actor, type Deps } from '@weibao/usecases';
import type { z } from 'zod';
import { appDeps } from './deps.ts';
import { isDependencyOutage, outageRetryAfterSeconds } from './dependency-outage.ts';
import { logger } from './logger.ts';
import { flushCountedMetrics } from './metrics-flush.ts';
import { problem, validationProblem } from './problem.ts';

// A person reads these at the field they concern: in Chinese (the field path stays for machines)
useChineseValidationMessages();

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface Request<R extends RouteDef> {
  params: Parsed<R['params']>;
  query: Parsed<R['query']>;
  body: Parsed<R['body']>;
  /** The signed-in user; null only on public routes. */
  actor: R['access'] extends { kind: 'public' } ? null : Actor;
  /** The hospital the request may touch: the token's for hospital users, the path's for vendor staff. */
  hospitalId: string | null;
  /** Vendor-wide answers show only these hospitals; null: all (see authorize). */
  hospitalLimit: readonly string[] | null;
  headers: Record<string, string | undefined>;
}

const withStatusMark = Symbol('withStatus');
interface WithStatus<T> {
  [withStatusMark]: true;
  status: number;
  body: T;
}

/** Answers with another status than the route's usual one (200 for a repeated create, 503 for health). */
export function withStatus<T>(status: number, body: T): WithStatus<T> {
  return { [withStatusMark]: true, status, body };
}

/** A handler's answer: the body (sent with the route's status) or withStatus(status, body). */
export type Reply<R extends RouteDef> = z.input<R['response']> | WithStatus<z.input<R['response']>>;

const statusOf: Record<AppError['kind'], number> = {
  'not-found': 404,
  conflict: 409,
  invalid: 400,
  forbidden: 403,
  // Retried and still contended (many writers in one hospital at once): the client may retry.
  unavailable: 503,
  gone: 410,
  unprocessable: 422,
  'too-many': 429,
};
const maxBodyBytes = 1024 * 1024;

/** The authorization check's shape: `authorize` of @weibao/api in every deployed handler. */
export type AuthorizationCheck = typeof authorize;

/**
 * Every API handler: parse and validate the event with the route's zod schemas, authorize with
 * the route's access rule, run one use case, answer JSON or problem+json. Nothing is written
 * before validation and authorization pass.
 */
export function httpHandler<R extends RouteDef, D = Deps>(
  route: R,
  run: (req: Request<R>, deps: D) => Promise<Reply<R>>,
  /** The adapters the use case needs, built once per cold start (default: store, clock, ids). */
  makeDeps: () => D = appDeps as () => D,
  check: AuthorizationCheck = authorize,
) {
  const base = async (
    event: APIGatewayProxyEventV2WithJWTAuthorizer,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    const claims = event.requestContext.authorizer?.jwt?.claims;
    let limit: readonly string[] | null = null;
    if (route.access.kind !== 'public') {
      // Read at every request, not put in the token: a withdrawn assignment applies at once.
      const principal = principalFromClaims(claims);
      if (!('error' in principal) && isLimitedRole(principal.role)) {
        try {
          limit = await hospitalLimitOf(appDeps(), principal.sub);
        } catch (err) {
          return errorReply(route.operationId, err);
        }
      }
    }
    const decision = check(route, claims, event.pathParameters ?? {}, limit);
    logger.appendKeys(logKeysOf(decision.allow ? decision.hospitalId : null, event.pathParameters));
    if (!decision.allow) return problem(decision.status, decision.detail);

    const params = route.params
      ? route.params.safeParse(event.pathParameters ?? {})
      : { success: true as const, data: undefined };
    if (!params.success)
      return decision.principal?.hospitalId || !route.path.includes('{')
        ? validationProblem('path', params.error)
        : problem(404, 'not found');
    // A route without a query or body schema takes none: unexpected input is refused, not ignored.
    const unexpectedQuery = route.query ? [] : Object.keys(event.queryStringParameters ?? {});
    if (unexpectedQuery.length > 0)
      return problem(400, 'this route takes no query parameters', {
        errors: unexpectedQuery.map((name) => ({
          path: `query.${name}`,
          message: 'not a parameter of this route',
        })),
      });
    if (!route.body && event.body) return problem(400, 'this route takes no request body');
    const query = route.query
      ? route.query.safeParse(event.queryStringParameters ?? {})
      : { success: true as const, data: undefined };
    if (!query.success) return validationProblem('query', query.error);

    let body: unknown = undefined;
    if (route.body) {
      const raw = event.body
        ? event.isBase64Encoded
          ? Buffer.from(event.body, 'base64').toString('utf8')
          : event.body
        : '';
      if (Buffer.byteLength(raw) > maxBodyBytes)
        return problem(413, `the body is larger than ${maxBodyBytes} bytes`);
      const type = event.headers?.['content-type'] ?? '';
      if (!/^application\/(.+\+)?json\b/i.test(type))
        return problem(415, 'send the body as application/json');
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        return problem(400, 'the body is not valid JSON', {
          errors: [{ path: '', message: 'not valid JSON' }],
        });
      }
      const controls = controlCharacterIssues(json);
      if (controls.length > 0)
        return problem(400, `${controls[0]?.path}: ${controls[0]?.message}`, {
          errors: controls.slice(0, 20),
        });
      const parsed = route.body.safeParse(json);
      if (!parsed.success) return validationProblem('body', parsed.error);
      body = parsed.data;
    }

    const req = {
      params: params.data,
      query: query.data,
      body,
      actor: decision.principal ? actorOf(decision.principal) : null,
      hospitalId: decision.hospitalId,
      hospitalLimit: decision.hospitalLimit,
      headers: event.headers ?? {},
    } as Request<R>;
    try {
      const reply = await run(req, makeDeps());
      const explicit = typeof reply === 'object' && reply !== null && withStatusMark in reply;
      const status = explicit ? reply.status : (route.status ?? 200);
      const out: unknown = explicit ? reply.body : reply;
      if (route.produces) return fileResult(status, out as FileBody);
      const json = JSON.stringify(out);
      const headers = {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      };
      if (route.method !== 'GET' || status !== 200)
        return { statusCode: status, headers, body: json };
      // A refresh that sends the ETag it holds gets 304 and no body while the answer is the same.
      const etag = weakEtagOf(json);
      if (matchesEtag(event.headers?.['if-none-match'], etag))
        return { statusCode: 304, headers: { etag, 'cache-control': 'no-store' }, body: '' };
      return { statusCode: status, headers: { ...headers, etag }, body: json };
    } catch (err) {
      return errorReply(route.operationId, err);
    }
  };
  return Object.assign(
    middy(base)
      .use(injectLambdaContext(logger, { resetKeys: true }))
      .use(flushCountedMetrics()),
    {
      /**
       * This handler with another authorization check. Only the isolation matrix's test of itself
       * calls it (test/security), to prove the matrix fails against a check that ignores the tenant.
       */
      withAuthorization: (other: AuthorizationCheck) => httpHandler(route, run, makeDeps, other),
    },
  );
}

/** A weak ETag of a JSON body: its SHA-256, shortened (equal bodies, equal tags). */
export function weakEtagOf(body: string): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Whether an If-None-Match header names this ETag (weak comparison, RFC 9110 13.1.2). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/**
 * The hospital and ticket a request is about, as log keys: the authorized hospital, else the
 * path's (then only as written, for finding the line; nothing trusts it), and the ticket of the path.
 */
function logKeysOf(
  hospitalId: string | null,
  path: Record<string, string | undefined> | undefined,
): Record<string, string> {
  const keys: Record<string, string> = {};
  const hospital = hospitalId ?? path?.hospitalId;
  if (hospital) keys.hospitalId = hospital.slice(0, 64);
  if (path?.ticketId) keys.ticketId = path.ticketId.slice(0, 64);
  return keys;
}

/** What a failure answers: the use case's own error, 503 while a dependency is down, else 500. */
function errorReply(operationId: string, err: unknown): APIGatewayProxyStructuredResultV2 {
  if (err instanceof AppError) {
    const status = statusOf[err.kind];
    return problem(
      status,
      err.message,
      {
        ...(err.extra.path !== undefined
          ? { errors: [{ path: err.extra.path, message: err.message }] }
          : {}),
        ...(err.extra.currentVersion !== undefined
          ? { currentVersion: err.extra.currentVersion }
          : {}),
        ...(err.extra.reason !== undefined ? { reason: err.extra.reason } : {}),
      },
      status === 503 ? { 'retry-after': '1' } : {},
    );
  }
  if (isDependencyOutage(err)) {
    logger.warn('dependency unavailable', { route: operationId, error: err as Error });
    return problem(
      503,
      'a service weibao depends on is briefly unavailable; try the request again shortly',
      {},
      { 'retry-after': String(outageRetryAfterSeconds) },
    );
  }
  logger.error('unhandled error', { route: operationId, error: err as Error });
  return problem(500, 'something went wrong on our side; the request was not carried out');
}

interface FileBody {
  fileName: string;
  /** The name for clients that read only `filename=`; default the file name when it is ASCII. */
  asciiFileName?: string;
  contentType: string;
  bytes: Uint8Array;
}

/**
 * RFC 6266: an ASCII `filename=` every client reads and the UTF-8 `filename*=` browsers prefer, so
 * a Chinese file name arrives intact and no byte of it can end the header.
 */
export function contentDisposition(file: Pick<FileBody, 'fileName' | 'asciiFileName'>): string {
  const ascii = /^[\x20-\x7e]+$/.test(file.fileName)
    ? file.fileName
    : (file.asciiFileName ?? 'download');
  const quoted = ascii.replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(file.fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${quoted}"; filename*=UTF-8''${encoded}`;
}

/** A file answer: API Gateway sends base64 bodies marked isBase64Encoded to the client as bytes. */
function fileResult(status: number, file: FileBody): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: {
      'content-type': file.contentType,
      'content-disposition': contentDisposition(file),
      'cache-control': 'no-store',
    },
    body: Buffer.from(file.bytes).toString('base64'),
    isBase64Encoded: true,
  };
}

function actorOf(p: Principal): Actor {
  return {
    sub: p.sub,
    email: p.email,
    role: p.role,
    hospitalId: p.hospitalId,
    ...(p.name ? { name: p.name } : {}),
  };
}

/** The hospital a hospital-scoped route acts on; authorize() guarantees it on such routes. */
export function hospitalIdOf(req: { hospitalId: string | null }): string {
  if (!req.hospitalId) throw new Error('a hospital route ran without a hospital scope');
  return req.hospitalId;
}

/** The Idempotency-Key header, if sent (at most 200 characters, else ignored as not ours). */
export function idempotencyKeyOf(req: {
  headers: Record<string, string | undefined>;
}): string | undefined {
  const key = req.headers['idempotency-key'];
  return key && key.length <= 200 ? key : undefined;
}
