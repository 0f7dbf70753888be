/** One HTTP answer of the local server, before the common headers are added. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  cookies?: string[];
}

export function jsonReply(
  status: number,
  value: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): Reply {
  return {
    status,
    headers: { 'content-type': contentType, ...headers },
    body: Buffer.from(JSON.stringify(value), 'utf8'),
  };
}

/** API Gateway's own answers carry a bare message, not problem details: keep them identical. */
export const notFound = (): Reply => jsonReply(404, { message: 'Not Found' });
export const unauthorized = (headers: Record<string, string> = {}): Reply =>
  jsonReply(401, { message: 'Unauthorized' }, 'application/json', headers);
export const internalServerError = (): Reply =>
  jsonReply(500, { message: 'Internal Server Error' });
export const serviceUnavailable = (): Reply => jsonReply(503, { message: 'Service Unavailable' });

/** Headers every answer carries (CloudFront's response headers policy adds the same on AWS). */
export const securityHeaders: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

/**
 * For the SPA and the local pages: scripts and connections to this origin only, plus the origins
 * given (the files bucket the browser PUTs presigned uploads to). Inline styles are allowed
 * because component libraries inject them; inline scripts are not.
 */
export function contentSecurityPolicyFor(connectOrigins: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...connectOrigins].join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const contentSecurityPolicy = contentSecurityPolicyFor([]);
