import type {
  APIGatewayEventRequestContextJWTAuthorizer,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyResultV2,
} from 'aws-lambda';

/** An HTTP request as the local server read it off the socket. */
export interface RawRequest {
  method: string;
  /** Path as sent, percent-encoding intact, without the query. */
  rawPath: string;
  /** Everything after `?`, as sent; '' when none. */
  rawQueryString: string;
  /** Lower-cased names, every value of repeated headers in order. */
  headers: Readonly<Record<string, readonly string[]>>;
  body: Buffer | undefined;
  sourceIp: string;
  protocol: string;
}

export interface EventParts {
  routeKey: string;
  pathParameters: Record<string, string> | undefined;
  /** Present on routes behind the JWT authorizer (access.kind !== 'public'). */
  authorizer?: APIGatewayEventRequestContextJWTAuthorizer;
  requestId: string;
  now: Date;
  accountId?: string;
  apiId?: string;
}

// API Gateway passes these as text; any other body (or one without a Content-Type) arrives base64.
// Form posts (application/x-www-form-urlencoded) arrive base64 on HTTP APIs as well.
const textContentType =
  /^(text\/[\w.+-]+|application\/(json|xml|javascript|[\w.-]+\+(json|xml)))\s*(;|$)/i;

export function isTextContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && textContentType.test(contentType.trim());
}

/** Repeated keys joined by commas, as payload 2.0 does; undefined when there is no query. */
export function queryStringParameters(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    params[key] = key in params ? `${params[key]},${value}` : value;
  }
  return Object.keys(params).length > 0 ? params : undefined;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "12/Mar/2020:19:03:58 +0000", the format of requestContext.time. */
export function requestTime(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${p(now.getUTCDate())}/${months[now.getUTCMonth()]}/${now.getUTCFullYear()}:` +
    `${p(now.getUTCHours())}:${p(now.getUTCMinutes())}:${p(now.getUTCSeconds())} +0000`
  );
}

/** The HTTP API payload format 2.0 event for one request. */
export function buildApiEvent(
  req: RawRequest,
  parts: EventParts,
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, values] of Object.entries(req.headers)) {
    // Payload 2.0 moves Cookie headers into `cookies`, one entry per cookie.
    if (name === 'cookie') {
      for (const v of values)
        cookies.push(
          ...v
            .split(';')
            .map((c) => c.trim())
            .filter(Boolean),
        );
      continue;
    }
    headers[name] = values.join(',');
  }
  const host = headers.host ?? 'localhost';
  const hasBody = req.body !== undefined && req.body.length > 0;
  const asText = isTextContentType(headers['content-type']);

  const requestContext = {
    accountId: parts.accountId ?? '000000000000',
    apiId: parts.apiId ?? 'local',
    domainName: host,
    domainPrefix: host.split('.')[0] ?? host,
    http: {
      method: req.method,
      path: req.rawPath,
      protocol: req.protocol,
      sourceIp: req.sourceIp,
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: parts.requestId,
    routeKey: parts.routeKey,
    stage: '$default',
    time: requestTime(parts.now),
    timeEpoch: parts.now.getTime(),
    ...(parts.authorizer ? { authorizer: parts.authorizer } : {}),
  };

  const event = {
    version: '2.0',
    routeKey: parts.routeKey,
    rawPath: req.rawPath,
    rawQueryString: req.rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    queryStringParameters: queryStringParameters(req.rawQueryString),
    requestContext,
    body: hasBody
      ? asText
        ? req.body!.toString('utf8')
        : req.body!.toString('base64')
      : undefined,
    pathParameters: parts.pathParameters,
    isBase64Encoded: hasBody && !asText,
  };
  // Public routes carry no authorizer, which the aws-lambda type (JWT routes only) does not allow for.
  return event as APIGatewayProxyEventV2WithJWTAuthorizer;
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

/**
 * The HTTP response API Gateway makes of a handler's result: a structured result as given, and
 * anything else (a string, an object without statusCode) as 200 JSON, as payload 2.0 infers it.
 */
export function responseFromResult(result: APIGatewayProxyResultV2<unknown>): HttpResponse {
  const isStructured = typeof result === 'object' && result !== null && 'statusCode' in result;
  if (!isStructured) {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      cookies: [],
      body: Buffer.from(body, 'utf8'),
    };
  }
  const r = result as Exclude<APIGatewayProxyResultV2, string>;
  if (!Number.isInteger(r.statusCode) || (r.statusCode as number) < 100) {
    throw new Error(`handler returned an invalid statusCode: ${String(r.statusCode)}`);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(r.headers ?? {})) {
    headers[name.toLowerCase()] = String(value);
  }
  const body =
    r.body === undefined || r.body === null
      ? Buffer.alloc(0)
      : Buffer.from(r.body, r.isBase64Encoded ? 'base64' : 'utf8');
  return { statusCode: r.statusCode as number, headers, cookies: r.cookies ?? [], body };
}
