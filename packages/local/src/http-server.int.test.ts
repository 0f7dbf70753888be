import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { calls, echoHandler } from './__fixtures__/echo-handler.ts';
import { demoUserByEmail } from './demo-users.ts';
import { defaultMaxBodyBytes, localKeepAliveMs } from './http-server.ts';
import { createLocalIssuer } from './issuer.ts';
import { receivedEmails } from './ses-local.ts';
import { startLocalStack, type LocalStack } from './stack.ts';
import type { ApiHandler } from './handler-loader.ts';

const fixtures = (p: string) => fileURLToPath(new URL(`./__fixtures__/${p}`, import.meta.url));

// Handlers by route.handler; every other route echoes its event.
const special: Record<string, ApiHandler> = {
  'contracts/list-contract-templates': async () => {
    throw new Error('boom: the handler failed');
  },
  'hospitals/update-hospital': async (): Promise<APIGatewayProxyStructuredResultV2> => ({
    statusCode: 200,
    headers: { 'content-disposition': 'attachment; filename=合同.pdf' },
    body: '',
  }),
  'hospitals/delete-hospital': async (): Promise<APIGatewayProxyStructuredResultV2> => ({
    statusCode: 200,
    headers: { 'Content-Type': 'application/pdf', 'X-Pages': 2 },
    cookies: ['a=1; Path=/; HttpOnly', 'b=2; Path=/'],
    body: Buffer.from('%PDF-1.7').toString('base64'),
    isBase64Encoded: true,
  }),
};

let stack: LocalStack;
let origin: string;

async function call(path: string, init: RequestInit = {}) {
  const res = await fetch(`${origin}${path}`, init);
  const text = await res.text();
  return { res, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

async function tokenFor(email: string): Promise<string> {
  const { res, json } = await call('/local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  expect(res.status).toBe(200);
  return json().token as string;
}

function bearer(token: string): RequestInit {
  return { headers: { authorization: `Bearer ${token}` } };
}

beforeAll(async () => {
  stack = await startLocalStack({
    port: 0,
    inMemory: true,
    quiet: true,
    seed: false,
    dynamodbEndpoint: inject('dynamoEndpoint'),
    followStream: false,
    tableName: `local-http-${randomUUID()}`,
    loadHandler: async (name) => special[name] ?? echoHandler,
    webDist: fixtures('web'),
  });
  origin = stack.urls.web.replace(/\/$/, '');
});

afterAll(async () => {
  await stack?.stop();
});

describe('the JWT authorizer stand-in', () => {
  it('answers 401 without a token, as API Gateway does, and never calls the handler', async () => {
    const before = calls.length;
    const { res, json } = await call('/api/me');
    expect(res.status).toBe(401);
    expect(json()).toEqual({ message: 'Unauthorized' });
    expect(calls.length).toBe(before);
  });

  it('answers 401 to a tampered, expired, foreign or malformed token', async () => {
    const token = await tokenFor('it@whch.example');
    const [h, , s] = token.split('.') as [string, string, string];
    const escalated = Buffer.from(
      JSON.stringify({ ...decodeJwt(token), 'cognito:groups': ['vendor-admin'] }),
    ).toString('base64url');
    const expired = await stack.issuer.sign(demoUserByEmail('it@whch.example')!, {
      now: new Date(Date.now() - 9 * 3600_000),
    });
    const foreign = await (
      await createLocalIssuer({ issuer: stack.urls.issuer })
    ).sign(demoUserByEmail('admin@vendor.example')!);
    const before = calls.length;

    for (const bad of [`${h}.${escalated}.${s}`, expired, foreign, 'not-a-jwt']) {
      const { res, json } = await call('/api/me', bearer(bad));
      expect(res.status, bad.slice(0, 20)).toBe(401);
      expect(json()).toEqual({ message: 'Unauthorized' });
    }
    expect(calls.length).toBe(before);
  });

  it('lets public routes through without a token and without an authorizer context', async () => {
    const { res, json } = await call('/api/health');
    expect(res.status).toBe(200);
    const event = json() as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
    expect(event.routeKey).toBe('GET /api/health');
    expect(event.requestContext).not.toHaveProperty('authorizer');
  });

  it('hands the handler the claims of a /local/token token as strings, exactly as API Gateway does', async () => {
    // Prepare
    const token = await tokenFor('it@whch.example');
    const decoded = decodeJwt(token);
    // Act
    const { res, json } = await call('/api/me', bearer(`${token}`));
    // Assess
    expect(res.status).toBe(200);
    const { authorizer } = (json() as unknown as APIGatewayProxyEventV2WithJWTAuthorizer)
      .requestContext;
    expect(authorizer.jwt.scopes).toBeNull();
    const claims = authorizer.jwt.claims;
    expect(claims).toEqual({
      sub: demoUserByEmail('it@whch.example')!.sub,
      email: 'it@whch.example',
      email_verified: 'true',
      name: '刘洋',
      'cognito:username': 'it@whch.example',
      'cognito:groups': '[hospital-it]',
      'custom:tenantId': 'whzx',
      token_use: 'id',
      iss: stack.urls.issuer,
      aud: 'weibao-local',
      iat: String(decoded.iat),
      exp: String(decoded.exp),
    });
    expect(claims.exp).toMatch(/^\d{10}$/);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(8 * 3600);
  });

  it('gives vendor users no tenant claim', async () => {
    const { json } = await call('/api/me', bearer(await tokenFor('admin@vendor.example')));
    const { claims } = (json() as unknown as APIGatewayProxyEventV2WithJWTAuthorizer).requestContext
      .authorizer.jwt;
    expect(claims['cognito:groups']).toBe('[vendor-admin]');
    expect(claims).not.toHaveProperty('custom:tenantId');
  });
});

describe('the payload 2.0 event', () => {
  it('carries path parameters decoded and the query string as API Gateway sends them', async () => {
    const token = await tokenFor('engineer@vendor.example');
    const path = '/api/hospitals/%77hzx/contracts/01JCONTRACT0000000000000001';
    const query = 'limit=5&status=open&status=closed&q=%E6%AD%A6%E6%B1%89';
    const { res, json } = await call(`${path}?${query}`, {
      headers: {
        authorization: `Bearer ${token}`,
        'x-trace': 'one',
        cookie: 'sid=abc; lang=zh-CN',
      },
    });
    expect(res.status).toBe(200);
    const event = json() as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /api/hospitals/{hospitalId}/contracts/{contractId}',
      rawPath: path,
      rawQueryString: query,
      pathParameters: { hospitalId: 'whzx', contractId: '01JCONTRACT0000000000000001' },
      queryStringParameters: { limit: '5', status: 'open,closed', q: '武汉' },
      cookies: ['sid=abc', 'lang=zh-CN'],
      isBase64Encoded: false,
      requestContext: {
        stage: '$default',
        routeKey: 'GET /api/hospitals/{hospitalId}/contracts/{contractId}',
        http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' },
      },
    });
    expect(event.headers['x-trace']).toBe('one');
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.requestContext.time).toMatch(/^\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
    expect(event.body).toBeUndefined();
  });

  it('leaves queryStringParameters undefined when there is no query', async () => {
    const { json } = await call('/api/health');
    expect(json()).not.toHaveProperty('queryStringParameters');
    expect(json().rawQueryString).toBe('');
  });

  it('passes a JSON body as text and a binary body as base64', async () => {
    const token = await tokenFor('admin@vendor.example');
    const json = await call('/api/hospitals', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'whzx', name: '武汉市中心医院' }),
    });
    expect(json.json()).toMatchObject({
      body: '{"id":"whzx","name":"武汉市中心医院"}',
      isBase64Encoded: false,
    });
    const binary = await call('/api/hospitals', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array([0xff, 0x00, 0x01]),
    });
    expect(binary.json()).toMatchObject({ body: '/wAB', isBase64Encoded: true });
  });
});

describe('what the local API Gateway answers itself', () => {
  it('answers an unknown path or method with 404 Not Found', async () => {
    for (const [method, path] of [
      ['GET', '/api/nothing-here'],
      ['DELETE', '/api/health'],
      ['GET', '/api/hospitals/whzx/'],
      ['GET', '/local/nothing-here'],
      ['POST', '/somewhere'],
    ] as const) {
      const { res, json } = await call(path, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(json()).toEqual({ message: 'Not Found' });
    }
  });

  it('answers an oversized body with 413 problem+json, declared or streamed', async () => {
    const token = await tokenFor('admin@vendor.example');
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const big = new Uint8Array(defaultMaxBodyBytes + 1).fill(0x20);

    const declared = await call('/api/hospitals', { method: 'POST', headers, body: big });
    expect(declared.res.status).toBe(413);
    expect(declared.res.headers.get('content-type')).toBe('application/problem+json');
    expect(declared.json()).toMatchObject({ status: 413, title: 'Content Too Large' });

    const streamed = await call('/api/hospitals', {
      method: 'POST',
      headers,
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 5; i++) controller.enqueue(big.subarray(0, 300_000));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.res.status).toBe(413);
  });

  it('answers 500 with API Gateway’s bare message when a handler throws', async () => {
    const { res, json } = await call(
      '/api/contract-templates',
      bearer(await tokenFor('admin@vendor.example')),
    );
    expect(res.status).toBe(500);
    expect(json()).toEqual({ message: 'Internal Server Error' });
  });

  it('answers 500 and keeps serving when a handler returns a header HTTP cannot carry', async () => {
    const token = await tokenFor('admin@vendor.example');
    const { res, json } = await call('/api/hospitals/whzx', { method: 'PATCH', ...bearer(token) });
    expect(res.status).toBe(500);
    expect(json()).toEqual({ message: 'Internal Server Error' });
    expect((await call('/api/health')).res.status).toBe(200);
  });

  it('maps the handler’s result back: status, headers, cookies, base64 body', async () => {
    const res = await fetch(`${origin}/api/hospitals/whzx?version=1`, {
      method: 'DELETE',
      ...bearer(await tokenFor('admin@vendor.example')),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-pages')).toBe('2');
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/']);
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('%PDF-1.7');
  });

  it('keeps an idle connection open for a minute, longer than any pause of the tests’ own process', async () => {
    // Client and stack share the tests' process, which converts documents with a blocking
    // spawnSync. With Node's default 5 s keep-alive, a request sent on the idle socket right after
    // a longer block met the server's idle timer in the same turn and died with ECONNRESET.
    const res = await fetch(`${origin}/api/health`);
    expect(res.headers.get('keep-alive')).toBe(`timeout=${localKeepAliveMs / 1000}`);
    expect(localKeepAliveMs).toBeGreaterThanOrEqual(60_000);
  });

  it('sets security headers everywhere and no CORS wildcard', async () => {
    for (const path of ['/api/health', '/api/me', '/local/users', '/']) {
      const res = await fetch(`${origin}${path}`);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('access-control-allow-origin'), path).toBeNull();
    }
  });
});

describe('the Cognito stand-in under /local', () => {
  it('lists the demo users', async () => {
    const { res, json } = await call('/local/users');
    expect(res.status).toBe(200);
    const items = json().items as {
      email: string;
      hospitalId: string | null;
      hospitalName: string | null;
    }[];
    expect(items.map((u) => u.email)).toContain('it@second.example');
    expect(items.find((u) => u.email === 'it@second.example')).toMatchObject({
      hospitalId: 'jcey',
      hospitalName: '江城第二人民医院',
    });
    expect(items.find((u) => u.email === 'admin@vendor.example')?.hospitalName).toBeNull();
  });

  it('tells the SPA at /config.json to sign in locally with this issuer, and the intake domain', async () => {
    const { res, json } = await call('/config.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(json()).toEqual({
      mode: 'local',
      issuer: stack.urls.issuer,
      intakeDomain: 'intake.example',
    });
    expect((await call('/config.json', { method: 'POST' })).res.status).toBe(405);
  });

  it('serves the public key only', async () => {
    const { json } = await call('/local/.well-known/jwks.json');
    const [key] = json().keys as Record<string, string>[];
    expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(key).not.toHaveProperty('d');
    const config = (await call('/local/.well-known/openid-configuration')).json();
    expect(config.issuer).toBe(stack.urls.issuer);
  });

  it('refuses a token for an unknown or missing email with 400 problem+json naming email', async () => {
    for (const body of ['{"email":"nobody@vendor.example"}', '{}', 'not json']) {
      const { res, json } = await call('/local/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(res.status, body).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(json()).toMatchObject({ status: 400, errors: [{ path: 'email' }] });
    }
  });
});

describe('the built SPA at /', () => {
  it('serves files, and index.html for client routes, with a CSP', async () => {
    const index = await fetch(`${origin}/hospitals/whzx/contracts`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await index.text()).toContain('fixture SPA');

    const asset = await fetch(`${origin}/assets/app-abc123.js`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');

    expect((await fetch(`${origin}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${origin}/..%2f..%2fpackage.json`)).status).toBe(404);
  });
});

describe('a stack with the real handler loader and no built SPA', () => {
  let second: LocalStack;
  beforeAll(async () => {
    second = await startLocalStack({
      port: 0,
      inMemory: true,
      quiet: true,
      seed: false,
      dynamodbEndpoint: inject('dynamoEndpoint'),
      followStream: false,
      tableName: `local-http-${randomUUID()}`,
      functionsDir: fixtures('functions'),
      webDist: fixtures('no-such-dist'),
    });
  });
  afterAll(async () => {
    await second?.stop();
  });

  it('imports a handler once, inside its function: the health check sees its grants, not MAIL_FROM', async () => {
    const first = (await (await fetch(second.urls.health)).json()) as Record<string, unknown>;
    const again = (await (await fetch(second.urls.health)).json()) as Record<string, unknown>;
    expect(first.seenAtImport).toEqual({
      TABLE_NAME: second.env.tableName,
      FILES_BUCKET: 'weibao-files',
      // uses: { files: 'list', mail: 'account', timers: 'health' } grants no sender.
      MAIL_FROM: undefined,
      AWS_ENDPOINT_URL_DYNAMODB: second.env.endpoints.dynamodb,
      AWS_ENDPOINT_URL_S3: second.env.endpoints.s3,
      AWS_ENDPOINT_URL_SESV2: second.env.endpoints.sesv2,
      AWS_REGION: second.env.region,
    });
    expect(again.loads).toBe(1);
  });

  it('answers 500 for a route whose handler file does not exist yet', async () => {
    const res = await fetch(second.urls.openapi);
    expect(res.status).toBe(500);
  });

  it('says at / that the web app is not built yet, linking health and the inbox', async () => {
    const res = await fetch(second.urls.web);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('not built yet');
    expect(html).toContain(second.urls.health);
    expect(html).toContain(second.urls.inbox);
  });

  it('gives SDK clients configured from the environment alone a files bucket and an inbox', async () => {
    // Handlers build their clients like this: no endpoint in code, only the environment.
    const s3 = new S3Client({});
    const ses = new SESv2Client({});
    try {
      await expect(
        s3.send(new HeadObjectCommand({ Bucket: 'weibao-files', Key: 'nothing' })),
      ).rejects.toMatchObject({ name: 'NotFound' });
      const subject = `工单 ${randomUUID()}`;
      await ses.send(
        new SendEmailCommand({
          FromEmailAddress: second.env.mailFrom,
          Destination: { ToAddresses: ['it@whch.example'] },
          Content: { Simple: { Subject: { Data: subject }, Body: { Text: { Data: '您好' } } } },
        }),
      );
      const emails = await receivedEmails(second.env.endpoints.sesv2);
      expect(emails.map((e) => e.subject)).toContain(subject);
    } finally {
      s3.destroy();
      ses.destroy();
    }
  });
});
