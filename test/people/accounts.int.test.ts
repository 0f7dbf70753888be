import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cognitoAccounts } from '@weibao/adapters';
import { dynamoDbLocalClient } from '@weibao/local';
import { makeDb, personById } from '@weibao/store';
import {
  AppError,
  makeChangePerson,
  makeInvitePerson,
  personIdOf,
  type Actor,
  type PeopleDeps,
} from '@weibao/usecases';
import { monotonicFactory } from 'ulid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestStack } from '../support/stack.ts';

// DynamoDB Local for the directory, and a recording HTTP server in Cognito's place: the pool is
// AWS's alone, so its admin calls are checked for what weibao sends and how it takes the answers.
const stack = await useTestStack();
let cognito: Server;
let calls: string[] = [];
let answers: Record<string, { status: number; body: unknown }> = {};
beforeAll(async () => {
  cognito = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const op = String(req.headers['x-amz-target']).split('.').pop() ?? '';
      calls.push(op);
      const a = answers[op] ?? { status: 200, body: {} };
      res.writeHead(a.status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => cognito.listen(0, '127.0.0.1', r));
});
afterAll(() => new Promise<void>((r) => cognito.close(() => r())));
beforeEach(() => {
  calls = [];
  answers = {};
});

const ulid = monotonicFactory();
const deps = (): PeopleDeps => ({
  db: makeDb(stack.env.tableName, dynamoDbLocalClient(stack.env.endpoints.dynamodb)),
  clock: { now: () => new Date() },
  ids: { next: (atMs) => (atMs === undefined ? ulid() : ulid(atMs)) },
  accounts: cognitoAccounts({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${(cognito.address() as AddressInfo).port}/`,
    userPoolId: 'us-east-1_pool',
    credentials: () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }),
  }),
});
const admin: Actor = {
  sub: '6f1c2a3e-0001-4a6b-9c1d-7e2f3a4b5c01',
  email: 'admin@vendor.example',
  role: 'vendor-admin',
  hospitalId: null,
};

describe('inviting a person creates their sign-in in the user pool', () => {
  it('stores the pool’s sub on the invited person and disables the sign-in on 停用', async () => {
    // Prepare
    const email = `nurse-${Date.now()}@whch.example`;
    answers.AdminCreateUser = {
      status: 200,
      body: { User: { Attributes: [{ Name: 'sub', Value: 'cognito-sub-1' }] } },
    };
    // Act
    const { person } = await makeInvitePerson(deps())(admin, 'whzx', {
      name: '护士长',
      email,
      phone: null,
      role: 'hospital-dept',
    });
    const after = await makeChangePerson(deps())(admin, 'whzx', person.id, {
      version: person.version,
      state: 'deactivated',
    });
    // Assess
    expect(person.sub).toBe('cognito-sub-1');
    expect(after.state).toBe('deactivated');
    expect(calls).toEqual(['AdminCreateUser', 'AdminAddUserToGroup', 'AdminDisableUser']);
  });

  it('refuses an address that signs in for another hospital, with 409 at email, and writes no person', async () => {
    // Prepare
    const email = `moved-${Date.now()}@whch.example`;
    answers.AdminCreateUser = { status: 400, body: { __type: 'UsernameExistsException' } };
    answers.AdminGetUser = {
      status: 200,
      body: {
        UserAttributes: [
          { Name: 'sub', Value: 'cognito-sub-2' },
          { Name: 'custom:tenantId', Value: 'jcey' },
        ],
      },
    };
    // Act
    const refused = await makeInvitePerson(deps())(admin, 'whzx', {
      name: '调岗人员',
      email,
      phone: null,
      role: 'hospital-it',
    }).catch((err: unknown) => err);
    // Assess
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ kind: 'conflict', extra: { path: 'email' } });
    expect(await personById(deps().db, 'whzx', personIdOf(email))).toBeUndefined();
  });
});
