import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { routeById, type RouteDef } from '@weibao/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { httpHandler } from './http.ts';
import { logger } from './logger.ts';

const context = {
  functionName: 'unit',
  awsRequestId: 'unit',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;
const adminClaims = { sub: 'u1', 'cognito:groups': '[vendor-admin]' };

function event(
  parts: Partial<APIGatewayProxyEventV2WithJWTAuthorizer> & { claims?: Record<string, string> },
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { claims = adminClaims, ...rest } = parts;
  return {
    version: '2.0',
    routeKey: 'unit',
    rawPath: '/',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      authorizer: { jwt: { claims, scopes: null }, principalId: '', integrationLatency: 0 },
    } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer['requestContext'],
    ...rest,
  };
}

/** A handler for one route whose use case only records that it ran. */
function handlerFor(route: RouteDef) {
  vi.stubEnv('TABLE_NAME', 'unit-no-table');
  const ran = vi.fn(async () => ({ ok: true }));
  const handler = httpHandler(route, ran as never);
  return {
    ran,
    call: async (e: APIGatewayProxyEventV2WithJWTAuthorizer) => {
      const r = await handler(e, context);
      return { status: r.statusCode, body: JSON.parse(String(r.body)) as Record<string, unknown> };
    },
  };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the request limits every handler applies', () => {
  const json = { 'content-type': 'application/json' };
  const exactly = (bytes: number) => `"${'x'.repeat(bytes - 2)}"`;

  it('answers a body over 1 MiB with 413 before the use case runs', async () => {
    const { ran, call } = handlerFor(routeById('createHospital'));
    const res = await call(event({ headers: json, body: exactly(1024 * 1024 + 1) }));
    expect(res).toMatchObject({ status: 413, body: { status: 413 } });
    expect(ran).not.toHaveBeenCalled();
  });

  it('reads a body of exactly 1 MiB (and then finds it is not a hospital)', async () => {
    const { call } = handlerFor(routeById('createHospital'));
    const res = await call(event({ headers: json, body: exactly(1024 * 1024) }));
    expect(res.status).toBe(400);
  });

  it('counts bytes, not characters: 1 MiB of Chinese is over the limit', async () => {
    const { call } = handlerFor(routeById('createHospital'));
    const res = await call(event({ headers: json, body: `"${'院'.repeat(350_000)}"` }));
    expect(res.status).toBe(413);
  });

  it('refuses query parameters on a route that takes none, naming each', async () => {
    const { ran, call } = handlerFor(routeById('getMe'));
    const res = await call(event({ queryStringParameters: { debug: '1' } }));
    expect(res).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'query.debug', message: 'not a parameter of this route' }] },
    });
    expect(ran).not.toHaveBeenCalled();
  });

  it('refuses a body on a route that takes none, so a DELETE cannot carry a payload along', async () => {
    const { ran, call } = handlerFor(routeById('deleteContract'));
    const res = await call(
      event({
        headers: json,
        body: '{"version":1}',
        pathParameters: { hospitalId: 'whzx', contractId: '01KAW00000000000000000WHZX' },
        queryStringParameters: { version: '1' },
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe('this route takes no request body');
    expect(ran).not.toHaveBeenCalled();
  });

  it('runs the use case once everything is in order', async () => {
    const { ran, call } = handlerFor(routeById('getMe'));
    expect((await call(event({}))).status).toBe(200);
    expect(ran).toHaveBeenCalledTimes(1);
  });
});

describe('answers when a dependency is down', () => {
  function failingWith(err: unknown) {
    vi.stubEnv('TABLE_NAME', 'unit-no-table');
    const handler = httpHandler(routeById('getMe'), async () => {
      throw err;
    });
    return async () => {
      const r = await handler(event({}), context);
      return { status: r.statusCode, headers: r.headers ?? {}, body: JSON.parse(String(r.body)) };
    };
  }

  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    ],
    ['a request timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
    [
      'throttling',
      Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' }),
    ],
    [
      'a 500 from DynamoDB',
      Object.assign(new Error('boom'), { $fault: 'server', $metadata: { httpStatusCode: 500 } }),
    ],
    [
      'refused on every address',
      new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], 'x'),
    ],
  ])('answers %s with 503 problem+json and Retry-After', async (_what, err) => {
    const res = await failingWith(err)();
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('2');
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 503 });
  });

  it('keeps a bug a 500 without Retry-After', async () => {
    const res = await failingWith(new TypeError('undefined is not a function'))();
    expect(res.status).toBe(500);
    expect(res.headers['retry-after']).toBeUndefined();
  });
});

describe('the log lines of a request', () => {
  it('carry the hospital and the ticket of the path as keys, and only for that request', async () => {
    // Prepare: a use case that logs one line
    vi.stubEnv('TABLE_NAME', 'unit-no-table');
    const handler = httpHandler(routeById('getTicket'), (async () => {
      logger.info('use case ran');
      return {};
    }) as never);
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    // Act
    try {
      await handler(
        event({ pathParameters: { hospitalId: 'whzx', ticketId: '01KAW00000000000000000TCKT' } }),
        context,
      );
      logger.info('after the request');
    } finally {
      write.mockRestore();
    }
    // Assess
    const logged = lines
      .flatMap((l) => l.split('\n'))
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged.find((l) => l.message === 'use case ran')).toMatchObject({
      hospitalId: 'whzx',
      ticketId: '01KAW00000000000000000TCKT',
    });
    expect(logged.find((l) => l.message === 'after the request')).not.toHaveProperty('hospitalId');
  });
});

describe('conditional GETs', () => {
  function getMeAnswering(answers: unknown[]) {
    vi.stubEnv('TABLE_NAME', 'unit-no-table');
    const run = vi.fn(async () => answers.shift());
    const handler = httpHandler(routeById('getMe'), run as never);
    return (headers: Record<string, string> = {}) => handler(event({ headers }), context);
  }

  it('tags a GET answer with a weak ETag of its body and answers a matching If-None-Match with 304 and no body', async () => {
    const get = getMeAnswering([{ a: 1 }, { a: 1 }, { a: 1 }]);
    const first = await get();
    const etag = first.headers?.etag as string;
    expect(first.statusCode).toBe(200);
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    const again = await get({ 'if-none-match': etag });
    expect(again).toMatchObject({ statusCode: 304, body: '', headers: { etag } });
    // A list of tags, or the strong form of the same tag, matches too
    const listed = await get({ 'if-none-match': `W/"other", ${etag.slice(2)}` });
    expect(listed.statusCode).toBe(304);
  });

  it('answers 200 with a new ETag once the body has changed', async () => {
    const get = getMeAnswering([{ a: 1 }, { a: 2 }]);
    const first = await get();
    const second = await get({ 'if-none-match': first.headers?.etag as string });
    expect(second.statusCode).toBe(200);
    expect(JSON.parse(String(second.body))).toEqual({ a: 2 });
    expect(second.headers?.etag).not.toBe(first.headers?.etag);
  });

  it('gives no ETag to an answer that is not a GET, and ignores If-None-Match there', async () => {
    vi.stubEnv('TABLE_NAME', 'unit-no-table');
    const post = { ...routeById('getMe'), method: 'POST' } as RouteDef;
    const handler = httpHandler(post, (async () => ({ a: 1 })) as never);
    const res = await handler(event({ headers: { 'if-none-match': '*' } }), context);
    expect(res.statusCode).toBe(200);
    expect(res.headers?.etag).toBeUndefined();
  });
});
