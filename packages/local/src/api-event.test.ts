import { describe, expect, it } from 'vitest';
import {
  buildApiEvent,
  isTextContentType,
  queryStringParameters,
  requestTime,
  responseFromResult,
  type RawRequest,
} from './api-event.ts';

const now = new Date('2025-03-12T19:03:58.123Z');

function request(overrides: Partial<RawRequest> = {}): RawRequest {
  return {
    method: 'GET',
    rawPath: '/api/hospitals/whzx',
    rawQueryString: '',
    headers: { host: ['127.0.0.1:3000'], 'user-agent': ['curl/8.5.0'] },
    body: undefined,
    sourceIp: '127.0.0.1',
    protocol: 'HTTP/1.1',
    ...overrides,
  };
}

const parts = {
  routeKey: 'GET /api/hospitals/{hospitalId}',
  pathParameters: { hospitalId: 'whzx' },
  requestId: 'req-1',
  now,
};

describe('the payload 2.0 event', () => {
  it('carries route key, raw path, stage and request time as API Gateway writes them', () => {
    // Act
    const event = buildApiEvent(request(), parts);
    // Assess
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /api/hospitals/{hospitalId}',
      rawPath: '/api/hospitals/whzx',
      rawQueryString: '',
      pathParameters: { hospitalId: 'whzx' },
      isBase64Encoded: false,
      requestContext: {
        domainName: '127.0.0.1:3000',
        http: {
          method: 'GET',
          path: '/api/hospitals/whzx',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'curl/8.5.0',
        },
        requestId: 'req-1',
        routeKey: 'GET /api/hospitals/{hospitalId}',
        stage: '$default',
        time: '12/Mar/2025:19:03:58 +0000',
        timeEpoch: now.getTime(),
      },
    });
    expect(event.queryStringParameters).toBeUndefined();
    expect(event.body).toBeUndefined();
    expect(event.cookies).toBeUndefined();
    expect('authorizer' in event.requestContext).toBe(false);
  });

  it('joins repeated headers with commas and moves cookies out of the headers', () => {
    const event = buildApiEvent(
      request({
        headers: {
          host: ['h'],
          'x-trace': ['a', 'b'],
          cookie: ['sid=1; theme=dark', 'lang=zh-CN'],
        },
      }),
      parts,
    );
    expect(event.headers['x-trace']).toBe('a,b');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.cookies).toEqual(['sid=1', 'theme=dark', 'lang=zh-CN']);
  });

  it('passes JSON bodies as text and binary bodies as base64', () => {
    const json = buildApiEvent(
      request({
        headers: { 'content-type': ['application/json; charset=utf-8'] },
        body: Buffer.from('{"name":"武汉"}'),
      }),
      parts,
    );
    expect(json.body).toBe('{"name":"武汉"}');
    expect(json.isBase64Encoded).toBe(false);

    const pdf = buildApiEvent(
      request({ headers: { 'content-type': ['application/pdf'] }, body: Buffer.from([1, 2, 3]) }),
      parts,
    );
    expect(pdf.body).toBe('AQID');
    expect(pdf.isBase64Encoded).toBe(true);
  });

  it('adds the JWT authorizer context only when given', () => {
    const authorizer = { jwt: { claims: { sub: 's' }, scopes: null } };
    const event = buildApiEvent(request(), { ...parts, authorizer });
    expect(event.requestContext.authorizer).toEqual(authorizer);
  });
});

describe('query strings', () => {
  it('are undefined when absent and decoded when present', () => {
    expect(queryStringParameters('')).toBeUndefined();
    expect(queryStringParameters('q=%E6%AD%A6%E6%B1%89&limit=10')).toEqual({
      q: '武汉',
      limit: '10',
    });
  });

  it('join repeated keys with a comma as API Gateway does', () => {
    expect(queryStringParameters('status=open&status=closed&x')).toEqual({
      status: 'open,closed',
      x: '',
    });
  });
});

describe('content types', () => {
  it('treats text, JSON and XML (with suffixes) as text, everything else as binary', () => {
    for (const t of [
      'text/plain',
      'application/json',
      'application/problem+json',
      'text/html; charset=utf-8',
    ]) {
      expect(isTextContentType(t), t).toBe(true);
    }
    for (const t of [
      undefined,
      'application/pdf',
      'image/png',
      'application/x-www-form-urlencoded',
    ]) {
      expect(isTextContentType(t), String(t)).toBe(false);
    }
  });
});

describe('requestTime', () => {
  it('pads day and time fields', () => {
    expect(requestTime(new Date('2025-01-02T03:04:05Z'))).toBe('02/Jan/2025:03:04:05 +0000');
  });
});

describe('the response API Gateway makes of a handler result', () => {
  it('maps a structured result, lower-casing headers and decoding base64 bodies', () => {
    const r = responseFromResult({
      statusCode: 201,
      headers: { 'Content-Type': 'application/pdf', 'X-Count': 3 },
      body: 'AQID',
      isBase64Encoded: true,
      cookies: ['a=1; HttpOnly'],
    });
    expect(r.statusCode).toBe(201);
    expect(r.headers).toEqual({ 'content-type': 'application/pdf', 'x-count': '3' });
    expect([...r.body]).toEqual([1, 2, 3]);
    expect(r.cookies).toEqual(['a=1; HttpOnly']);
  });

  it('infers 200 JSON for a plain object or string, as payload 2.0 does', () => {
    const r = responseFromResult({ ok: true } as never);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.body.toString()).toBe('{"ok":true}');
  });

  it('refuses a result with a broken status code', () => {
    expect(() => responseFromResult({ statusCode: 'x' } as never)).toThrow(/statusCode/);
  });
});
