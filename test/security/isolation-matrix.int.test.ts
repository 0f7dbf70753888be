import { authorize, routes } from '@weibao/api';
import { isVendorRole, roles } from '@weibao/domain';
import type { AuthorizationCheck } from '@weibao/functions/lib/http';
import {
  fileHandlerLoader,
  startLocalStack,
  type ApiHandler,
  type LocalStack,
} from '@weibao/local';
import { defaultFunctionsDir } from '@weibao/local/paths';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { isolationMatrix, matrixCases } from './isolation-matrix.ts';
import { stackTarget, type SecurityTarget } from './support.ts';

// A check that trusts the path's hospital instead of the token's: the bug the matrix exists for.
const ignoresTenant: AuthorizationCheck = (route, claims, params) =>
  authorize(
    route,
    claims && params.hospitalId ? { ...claims, 'custom:tenantId': params.hospitalId } : claims,
    params,
  );
// Worse: it also lets every role do everything, so writes to another hospital go through.
const ignoresTenantAndRole: AuthorizationCheck = (route, claims, params) =>
  ignoresTenant(
    route.access.kind === 'public' ? route : { ...route, access: { ...route.access, roles } },
    claims,
    params,
  );

// Forgets the engineer's assignment: an engineer limited to one hospital reaches every hospital.
const ignoresAssignment: AuthorizationCheck = (route, claims, params) =>
  authorize(route, claims, params, null);

let stack: TestStack;
let tampered: LocalStack | undefined;
let check: AuthorizationCheck = authorize;
beforeAll(async () => {
  stack = await startTestStack();
});

/**
 * A second API whose handlers use `check` instead of the real authorize, on a table of its own
 * (seeded like the first): each test of the test starts from the demo data alone, not from the
 * hundreds of hospitals the cases before it created, which only made the vendor-wide reads slower
 * (the overview reads two queries per hospital until issue 19's rollups).
 */
async function startTampered(table: string): Promise<LocalStack> {
  const files = fileHandlerLoader(defaultFunctionsDir);
  const built = new Map<string, ApiHandler>();
  tampered = await startLocalStack({
    port: 0,
    inMemory: true,
    quiet: true,
    dynamodbEndpoint: stack.env.endpoints.dynamodb,
    tableName: `${stack.env.tableName}-${table}`,
    // Like the test stacks: no stream (a rollup cell of the other hospital written after its
    // snapshot would be the system's, not a case's; the rollups have their own tests).
    followStream: false,
    // Handler modules are shared by both stacks in this process: one link key for both.
    linkSigningKey: stack.env.linkSigningKey,
    loadHandler: async (name) => {
      const handler = (await files(name)) as ApiHandler & {
        withAuthorization?: (c: AuthorizationCheck) => ApiHandler;
      };
      if (!handler.withAuthorization) throw new Error(`${name} is not built with httpHandler`);
      if (!built.has(name))
        built.set(
          name,
          handler.withAuthorization((...args) => check(...args)),
        );
      return built.get(name) as ApiHandler;
    },
  });
  return tampered;
}
afterEach(async () => {
  await tampered?.stop();
  tampered = undefined;
});
afterAll(async () => {
  await stack?.stop();
});

/**
 * ~800 cases, each with a request and two snapshots, and a fresh pair of hospitals per allowed
 * write. It grows with every route: 213 s on an idle 2-core machine on 2026-12-05 (then ~900
 * cases), over 300 s when the same machine also ran other stacks. Ten minutes leaves room to grow.
 */
const matrixTimeoutMs = 600_000;

describe('the isolation matrix', () => {
  it('covers every route of the table, every role, an assigned engineer, no token and unreadable groups, on own and other hospital', () => {
    const cases = matrixCases();
    const hospitalRoutes = routes.filter((r) => r.path.includes('{hospitalId}')).length;
    // Every role, the engineer assigned to the own hospital only, no token, and two tokens whose
    // groups name no single role (`junk,vendor-admin`, `vendor-admin hospital-it`).
    expect(cases).toHaveLength(
      (hospitalRoutes * 2 + (routes.length - hospitalRoutes)) * (roles.length + 4),
    );
    expect(cases.filter((c) => c.limited && c.hospital === 'other')).toHaveLength(hospitalRoutes);
    expect(new Set(cases.flatMap((c) => c.malformedGroup ?? []))).toEqual(
      new Set(['junk,vendor-admin', 'vendor-admin hospital-it']),
    );
  });

  it(
    'finds every answer as the route table says: no hospital reads or changes another’s data',
    { timeout: matrixTimeoutMs },
    async () => {
      const target: SecurityTarget = stackTarget(stack);
      const { cases, mismatches } = await isolationMatrix(target);
      expect(cases).toBe(matrixCases().length);
      expect(mismatches).toEqual([]);
    },
  );

  it(
    'fails against an authorization check that ignores the tenant (the test of the test)',
    { timeout: matrixTimeoutMs },
    async () => {
      // Prepare
      check = ignoresTenant;
      // Act
      const { mismatches } = await isolationMatrix(stackTarget(await startTampered('tenant')));
      // Assess: hospital users now read and write the other hospital (tickets, notices), and the matrix says so
      const kinds = new Set(mismatches.map((m) => m.kind));
      expect(kinds).toEqual(new Set(['status', 'leak', 'write']));
      expect(mismatches).toContainEqual(
        expect.objectContaining({
          case: 'getContract as hospital-it on other hospital',
          kind: 'leak',
        }),
      );
      expect(mismatches).toContainEqual({
        case: 'listAuditRecords as hospital-it on other hospital',
        kind: 'status',
        detail: expect.stringMatching(/^expected 404, got 200/),
      });
    },
  );

  it(
    'fails on writes to another hospital when the check ignores tenant and role',
    { timeout: matrixTimeoutMs },
    async () => {
      // Prepare
      check = ignoresTenantAndRole;
      const writes = routes.filter((r) => r.method !== 'GET');
      // Act
      // Only the tenant boundary, which the title is about: hospital and third-party callers on the
      // other hospital. Every such write now succeeds, so each needs its own pair of hospitals;
      // the vendor's cases (allowed everywhere anyway) would only triple the time.
      const { cases, mismatches } = await isolationMatrix(
        stackTarget(await startTampered('writes')),
        {
          routes: writes,
          freshForEveryWrite: true,
          only: (c) => c.hospital === 'other' && c.role !== null && !isVendorRole(c.role),
        },
      );
      expect(cases).toBeGreaterThan(writes.length);
      // Assess
      expect(mismatches).toContainEqual(
        expect.objectContaining({
          case: 'updateContract as hospital-dept on other hospital',
          kind: 'write',
        }),
      );
    },
  );

  it(
    'fails against a check that forgets which hospitals an engineer is assigned to',
    { timeout: matrixTimeoutMs },
    async () => {
      // Prepare
      check = ignoresAssignment;
      const reads = routes.filter((r) => r.method === 'GET');
      // Act
      const { mismatches } = await isolationMatrix(stackTarget(await startTampered('assignment')), {
        routes: reads,
      });
      // Assess: only the assigned engineer's cases fail, on hospital routes and on vendor-wide lists
      expect(mismatches.length).toBeGreaterThan(0);
      expect(mismatches.filter((m) => !m.case.includes('assigned to own hospital only'))).toEqual(
        [],
      );
      expect(mismatches).toContainEqual({
        case: 'getContract as support-engineer assigned to own hospital only on other hospital',
        kind: 'status',
        detail: expect.stringMatching(/^expected 404, got 200/),
      });
      expect(mismatches).toContainEqual(
        expect.objectContaining({
          case: 'listHospitals as support-engineer assigned to own hospital only',
          kind: 'leak',
        }),
      );
    },
  );
});
