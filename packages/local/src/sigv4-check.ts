import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * What S3 checks of a SigV4 request and s3rver does not (it takes any V4 signature): the
 * signature over the canonical request (method, path, query, the signed headers), the credential
 * and, for a presigned URL, its expiry. Locally a presigned URL whose key, bucket, type, length
 * or expiry was changed is then refused as S3 refuses it, so tests can prove the signing.
 *
 * The payload itself is not hashed: the signed x-amz-content-sha256 value is taken as given
 * (presigned URLs sign UNSIGNED-PAYLOAD, the SDK streams with trailing checksums).
 */

export interface SigV4Request {
  method: string;
  /** The raw request target: path and query exactly as received. */
  url: string;
  headers: IncomingHttpHeaders;
}

export interface SigV4Refusal {
  status: 400 | 403;
  code:
    | 'AccessDenied'
    | 'SignatureDoesNotMatch'
    | 'InvalidAccessKeyId'
    | 'AuthorizationQueryParametersError';
  message: string;
}

const algorithm = 'AWS4-HMAC-SHA256';
/** S3 refuses presigned URLs that claim to last longer than 7 days. */
const maxExpiresSeconds = 7 * 24 * 3600;
/** S3 refuses header-signed requests whose date is further than this from its clock. */
const maxSkewMs = 15 * 60 * 1000;

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: Buffer | string, text: string) =>
  createHmac('sha256', key).update(text, 'utf8').digest();

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
const escapeUri = (text: string) =>
  encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, '%20'));
  } catch {
    return null;
  }
}

/** `20261204T135000Z` as a time, or null. */
function amzDate(text: string | undefined): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text ?? '');
  if (!m) return null;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v.join(',') : v).trim().replace(/\s+/g, ' ');
}

interface Parsed {
  accessKeyId: string;
  scope: string;
  date: string;
  signedHeaders: string[];
  signature: string;
  payloadHash: string;
  /** Query parameters that take part in the canonical query. */
  query: [string, string][];
  expiresSeconds: number | null;
}

const refuse = (
  code: SigV4Refusal['code'],
  message: string,
  status: SigV4Refusal['status'] = 403,
): SigV4Refusal => ({ status, code, message });

function parse(req: SigV4Request, rawQuery: string): Parsed | SigV4Refusal {
  const query: [string, string][] = [];
  for (const part of rawQuery === '' ? [] : rawQuery.split('&')) {
    const eq = part.indexOf('=');
    const k = decode(eq < 0 ? part : part.slice(0, eq));
    const v = decode(eq < 0 ? '' : part.slice(eq + 1));
    if (k === null || v === null)
      return refuse('AuthorizationQueryParametersError', 'malformed query string', 400);
    query.push([k, v]);
  }
  const q = new Map(query);
  const authorization = headerValue(req.headers, 'authorization');
  if (q.has('X-Amz-Signature')) {
    if (q.get('X-Amz-Algorithm') !== algorithm)
      return refuse(
        'AuthorizationQueryParametersError',
        `X-Amz-Algorithm must be ${algorithm}`,
        400,
      );
    const credential = q.get('X-Amz-Credential') ?? '';
    const slash = credential.indexOf('/');
    const expires = Number(q.get('X-Amz-Expires'));
    if (!Number.isInteger(expires) || expires < 1 || expires > maxExpiresSeconds)
      return refuse(
        'AuthorizationQueryParametersError',
        `X-Amz-Expires must be a whole number of seconds from 1 to ${maxExpiresSeconds}`,
        400,
      );
    return {
      accessKeyId: credential.slice(0, slash),
      scope: credential.slice(slash + 1),
      date: q.get('X-Amz-Date') ?? '',
      signedHeaders: (q.get('X-Amz-SignedHeaders') ?? '').split(';'),
      signature: q.get('X-Amz-Signature') ?? '',
      payloadHash: headerValue(req.headers, 'x-amz-content-sha256') ?? 'UNSIGNED-PAYLOAD',
      query: query.filter(([k]) => k !== 'X-Amz-Signature'),
      expiresSeconds: expires,
    };
  }
  if (authorization?.startsWith(`${algorithm} `)) {
    const fields = new Map(
      authorization
        .slice(algorithm.length + 1)
        .split(',')
        .map((f) => f.trim().split('=') as [string, string]),
    );
    const credential = fields.get('Credential') ?? '';
    const slash = credential.indexOf('/');
    return {
      accessKeyId: credential.slice(0, slash),
      scope: credential.slice(slash + 1),
      date: headerValue(req.headers, 'x-amz-date') ?? '',
      signedHeaders: (fields.get('SignedHeaders') ?? '').split(';'),
      signature: fields.get('Signature') ?? '',
      payloadHash: headerValue(req.headers, 'x-amz-content-sha256') ?? '',
      query,
      expiresSeconds: null,
    };
  }
  return refuse('AccessDenied', 'Access Denied: the request is not signed with SigV4');
}

/**
 * Null when the request carries a valid SigV4 signature (presigned query or Authorization header)
 * by `credentials` that has not expired at `now`; else why S3 would refuse it.
 */
export function checkSigV4(
  req: SigV4Request,
  credentials: { accessKeyId: string; secretAccessKey: string },
  now: number,
): SigV4Refusal | null {
  const [path = '/', rawQuery = ''] = req.url.split(/\?(.*)/s);
  const p = parse(req, rawQuery);
  if ('code' in p) return p;
  if (p.accessKeyId !== credentials.accessKeyId)
    return refuse(
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
    );
  const [day, region, service, terminal] = p.scope.split('/');
  const signedAt = amzDate(p.date);
  if (
    signedAt === null ||
    !day ||
    !p.date.startsWith(day) ||
    !region ||
    service !== 's3' ||
    terminal !== 'aws4_request'
  )
    return refuse('AuthorizationQueryParametersError', 'malformed credential scope or date', 400);
  if (p.expiresSeconds !== null) {
    if (now > signedAt + p.expiresSeconds * 1000)
      return refuse('AccessDenied', 'Request has expired');
    if (signedAt - now > maxSkewMs) return refuse('AccessDenied', 'Request is not valid yet');
  } else if (Math.abs(now - signedAt) > maxSkewMs) {
    return refuse(
      'AccessDenied',
      'The difference between the request time and the current time is too large.',
    );
  }
  if (!p.signedHeaders.includes('host'))
    return refuse('AccessDenied', 'host must be a signed header');
  const canonicalHeaders = p.signedHeaders
    .map((h) => `${h}:${headerValue(req.headers, h) ?? ''}\n`)
    .join('');
  const canonicalQuery = p.query
    .map(([k, v]) => [escapeUri(k), escapeUri(v)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalRequest = [
    req.method,
    path,
    canonicalQuery,
    canonicalHeaders,
    p.signedHeaders.join(';'),
    p.payloadHash,
  ].join('\n');
  const stringToSign = [algorithm, p.date, p.scope, sha256Hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${credentials.secretAccessKey}`, day);
  for (const part of [region, service, terminal]) key = hmac(key, part);
  const expected = hmac(key, stringToSign);
  const given = Buffer.from(p.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return refuse(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );
  return null;
}

/** The XML body S3 answers a refused request with. */
export function s3ErrorXml(refusal: SigV4Refusal, resource: string): string {
  const esc = (s: string) =>
    s.replace(
      /[<>&'"]/g,
      (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
    );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${refusal.code}</Code><Message>${esc(refusal.message)}</Message><Resource>${esc(resource)}</Resource></Error>`;
}
