import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccountConflictError } from '@weibao/usecases';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cognitoAccounts } from './cognito-accounts.ts';

// A real HTTP server in Cognito's place: it records each call and answers per operation.
let server: Server;
let endpoint: string;
let calls: { op: string; body: Record<string, unknown> }[] = [];
let answers: Record<string, { status: number; body: unknown }> = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const op = String(req.headers['x-amz-target']).split('.').pop() ?? '';
      calls.push({ op, body: JSON.parse(body) as Record<string, unknown> });
      const a = answers[op] ?? { status: 200, body: {} };
      res.writeHead(a.status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  calls = [];
  answers = {};
});

const accounts = () =>
  cognitoAccounts({
    region: 'us-east-1',
    endpoint,
    userPoolId: 'us-east-1_pool',
    credentials: () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }),
  });
const attrs = (sub: string, tenant?: string) => [
  { Name: 'sub', Value: sub },
  { Name: 'email', Value: 'x@y' },
  ...(tenant ? [{ Name: 'custom:tenantId', Value: tenant }] : []),
];
const dept = {
  email: 'dept@whch.example',
  name: '陈静',
  role: 'hospital-dept' as const,
  hospitalId: 'whzx',
};

describe('the user pool’s accounts for the directory (Cognito admin calls)', () => {
  it('creates an invited hospital user with name, verified e-mail and tenant, mails the invitation, puts them in their role’s group and answers their sub', async () => {
    answers.AdminCreateUser = {
      status: 200,
      body: { User: { Attributes: attrs('sub-1', 'whzx') } },
    };
    const { sub } = await accounts().ensureUser(dept);
    expect(sub).toBe('sub-1');
    expect(calls.map((c) => c.op)).toEqual(['AdminCreateUser', 'AdminAddUserToGroup']);
    expect(calls[0]?.body).toEqual({
      UserPoolId: 'us-east-1_pool',
      Username: 'dept@whch.example',
      DesiredDeliveryMediums: ['EMAIL'],
      UserAttributes: [
        { Name: 'email', Value: 'dept@whch.example' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: '陈静' },
        { Name: 'custom:tenantId', Value: 'whzx' },
      ],
    });
    expect(calls[1]?.body).toEqual({
      UserPoolId: 'us-east-1_pool',
      Username: 'dept@whch.example',
      GroupName: 'hospital-dept',
    });
  });

  it('finds the account of a repeated invitation instead of failing, and gives vendor staff no tenant', async () => {
    answers.AdminCreateUser = {
      status: 400,
      body: { __type: 'UsernameExistsException', message: 'User account already exists' },
    };
    answers.AdminGetUser = { status: 200, body: { UserAttributes: attrs('sub-2') } };
    const { sub } = await accounts().ensureUser({
      email: 'engineer@vendor.example',
      name: '李强',
      role: 'support-engineer',
      hospitalId: null,
    });
    expect(sub).toBe('sub-2');
    expect(calls.map((c) => c.op)).toEqual([
      'AdminCreateUser',
      'AdminGetUser',
      'AdminAddUserToGroup',
    ]);
    expect(JSON.stringify(calls[0]?.body)).not.toContain('custom:tenantId');
  });

  it('refuses to take over an address that signs in for another hospital or the vendor, and adds no group', async () => {
    answers.AdminCreateUser = {
      status: 400,
      body: { __type: 'UsernameExistsException', message: '' },
    };
    answers.AdminGetUser = { status: 200, body: { UserAttributes: attrs('sub-3', 'jcey') } };
    await expect(accounts().ensureUser(dept)).rejects.toBeInstanceOf(AccountConflictError);
    answers.AdminGetUser = { status: 200, body: { UserAttributes: attrs('sub-4') } };
    await expect(accounts().ensureUser(dept)).rejects.toBeInstanceOf(AccountConflictError);
    expect(calls.some((c) => c.op === 'AdminAddUserToGroup')).toBe(false);
  });

  it('passes any other refusal on with Cognito’s error type, so the invitation writes nothing', async () => {
    answers.AdminCreateUser = {
      status: 400,
      body: { __type: 'com.amazonaws#InvalidParameterException', message: 'bad email' },
    };
    await expect(accounts().ensureUser(dept)).rejects.toThrow(
      'Cognito AdminCreateUser failed (InvalidParameterException: bad email)',
    );
  });

  it('moves a sign-in to its new role’s group before leaving the old one, and disables and enables it', async () => {
    await accounts().changeRole('dept@whch.example', 'hospital-dept', 'hospital-it');
    await accounts().changeRole('dept@whch.example', 'hospital-it', 'hospital-it');
    await accounts().setEnabled('dept@whch.example', false);
    await accounts().setEnabled('dept@whch.example', true);
    expect(calls.map((c) => [c.op, c.body.GroupName ?? null])).toEqual([
      ['AdminAddUserToGroup', 'hospital-it'],
      ['AdminRemoveUserFromGroup', 'hospital-dept'],
      ['AdminDisableUser', null],
      ['AdminEnableUser', null],
    ]);
  });
});
