import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { routeById, type RouteDef } from '@weibao/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { httpHandler } from './http.ts';

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
