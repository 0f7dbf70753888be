import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoMfaStatus, credentialsFromEnv } from './cognito-mfa-status.ts';

// A real HTTP server in Cognito's place: it records each request and answers as told.
let server: Server;
let endpoint: string;
const seen: { headers: IncomingMessage['headers']; body: string }[] = [];
let answer: { status: number; body: string; delayMs?: number } = { status: 200, body: '{}' };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      setTimeout(() => {
        res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(answer.body);
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const reader = (timeoutMs = 3000) =>
  cognitoMfaStatus({
    region: 'us-east-1',
    endpoint,
    timeoutMs,
    credentials: () => ({
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 's',
    }),
  });

describe('Cognito MFA status (AdminGetUser)', () => {
  it('asks AdminGetUser for the user, signed with SigV4 for cognito-idp', async () => {
    answer = { status: 200, body: JSON.stringify({ UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] }) };
    const enrolled = await reader().totpEnrolled('us-east-1_abc', 'user-1');
    expect(enrolled).toBe(true);
    const last = seen.at(-1)!;
    expect(JSON.parse(last.body)).toEqual({ UserPoolId: 'us-east-1_abc', Username: 'user-1' });
    expect(last.headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.AdminGetUser');
    expect(last.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(last.headers['x-amz-security-token']).toBe('s');
    expect(last.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/cognito-idp\/aws4_request, SignedHeaders=[^,]*x-amz-target[^,]*, Signature=[0-9a-f]{64}$/,
    );
  });

  it('counts only an enabled authenticator app, not SMS or nothing', async () => {
    answer = { status: 200, body: JSON.stringify({ UserMFASettingList: ['SMS_MFA'] }) };
    expect(await reader().totpEnrolled('p', 'u')).toBe(false);
    answer = { status: 200, body: JSON.stringify({ Username: 'u' }) };
    expect(await reader().totpEnrolled('p', 'u')).toBe(false);
  });

  it('fails with Cognito’s error type when the call is refused, so the sign-in is refused too', async () => {
    answer = {
      status: 400,
      body: JSON.stringify({ __type: 'UserNotFoundException', message: 'User does not exist.' }),
    };
    await expect(reader().totpEnrolled('p', 'u')).rejects.toThrow(
      'Cognito AdminGetUser failed (UserNotFoundException: User does not exist.)',
    );
    answer = { status: 503, body: 'upstream down' };
    await expect(reader().totpEnrolled('p', 'u')).rejects.toThrow('(HTTP 503)');
  });

  it('gives up within its timeout instead of outlasting Cognito’s five seconds for a trigger', async () => {
    answer = { status: 200, body: '{}', delayMs: 500 };
    await expect(reader(100).totpEnrolled('p', 'u')).rejects.toThrow();
  });

  it('reads the function’s credentials from the environment, and says so when they are missing', () => {
    expect(
      credentialsFromEnv({
        AWS_ACCESS_KEY_ID: 'a',
        AWS_SECRET_ACCESS_KEY: 'b',
        AWS_SESSION_TOKEN: 'c',
      }),
    ).toEqual({ accessKeyId: 'a', secretAccessKey: 'b', sessionToken: 'c' });
    expect(() => credentialsFromEnv({})).toThrow(/no AWS credentials/);
  });
});
