import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { routes, type RouteDef } from '@weibao/api';
import { keys, type Db, type EngineerAssignmentRecord } from '@weibao/store';
import { isVendorRole, roles } from '@weibao/domain';
import type { HospitalFixture } from './route-examples.ts';
import {
  exampleRequest,
  hospitalFixture,
  hospitalSnapshot,
  pool,
  runTag,
  type Principal,
  type SecurityTarget,
} from './support.ts';

export type Expected = 'success' | 401 | 403 | 404;

export interface MatrixCase {
  route: RouteDef;
  /** null: no token. */
  role: Principal['role'] | null;
  /** A support engineer assigned to the own hospital (A) only: every other hospital is 404. */
  limited: boolean;
  /**
   * The token's one group is this text instead of a role name, e.g. `junk,vendor-admin`, which API
   * Gateway renders as `[junk,vendor-admin]`: no role can be read from it unambiguously.
   */
  malformedGroup?: string;
  /** The hospital the path names: the caller's own, or another one. Routes without one: 'none'. */
  hospital: 'own' | 'other' | 'none';
}

export interface Mismatch {
  case: string;
  kind: 'status' | 'leak' | 'write';
  detail: string;
}

/**
 * What the route table's access rule says a caller gets (README: "Another hospital is 404"):
 * public → success; no token → 401; hospital routes → 404 for another hospital's path (hospital
 * side), else 403 for a role not listed, else success; vendor routes → vendor roles only, else
 * 403; authenticated → the roles listed.
 */
export function expectedOutcome(c: MatrixCase): Expected {
  const access = c.route.access;
  if (access.kind === 'public') return 'success';
  if (c.role === null || c.malformedGroup !== undefined) return 401;
  const vendor = isVendorRole(c.role);
  if (access.kind === 'hospital' && (!vendor || c.limited) && c.hospital === 'other') return 404;
  if (access.kind === 'vendor' && !vendor) return 403;
  return access.roles.includes(c.role) ? 'success' : 403;
}

/** Every role, a support engineer assigned to one hospital, no token, and unreadable groups. */
const callers: { role: Principal['role'] | null; limited: boolean; malformedGroup?: string }[] = [
  ...roles.map((role) => ({ role, limited: false })),
  { role: 'support-engineer', limited: true },
  { role: null, limited: false },
  { role: 'vendor-admin', limited: false, malformedGroup: 'junk,vendor-admin' },
  { role: 'vendor-admin', limited: false, malformedGroup: 'vendor-admin hospital-it' },
];

/**
 * Every route × every caller (each role, an engineer assigned to the own hospital only, no token)
 * × own and other hospital, from the route table.
 */
export function matrixCases(table: readonly RouteDef[] = routes): MatrixCase[] {
  return table.flatMap((route) =>
    callers.flatMap(({ role, limited, malformedGroup }) =>
      (route.path.includes('{hospitalId}') ? (['own', 'other'] as const) : (['none'] as const)).map(
        (hospital) => ({
          route,
          role,
          limited,
          hospital,
          ...(malformedGroup === undefined ? {} : { malformedGroup }),
        }),
      ),
    ),
  );
}

const label = (c: MatrixCase) =>
  `${c.route.operationId} as ${c.malformedGroup !== undefined ? `group ${JSON.stringify(c.malformedGroup)}` : (c.role ?? 'no token')}${c.limited ? ' assigned to own hospital only' : ''}${c.hospital === 'none' ? '' : ` on ${c.hospital} hospital`}`;

/** The engineer of a pair, assigned to hospital A only: written directly, it is setup, not a case. */
async function limitEngineer(db: Db, sub: string, hospitalId: string): Promise<void> {
  const record: EngineerAssignmentRecord = {
    sub,
    hospitalIds: [hospitalId],
    unlimited: false,
    version: 1,
    updatedAt: new Date().toISOString(),
  };
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...keys.engineerAssignment(sub), itemType: 'EngineerAssignment', ...record },
    }),
  );
}

/** What of hospital B must never reach a caller of hospital A: its id, name and contract ids. */
function secretsOf(f: HospitalFixture): string[] {
  return [f.hospital.id, f.hospital.name, f.contract.id];
}

/**
 * Runs the isolation matrix against a running API and returns every case that did not answer as
 * the route table says, an empty list when isolation holds. Each case has two hospitals with a
 * contract each: A (the caller's, for hospital roles) and B (another). Where the caller is not vendor staff,
 * nothing of B may appear in the answer and B's items and audit log must be exactly as before.
 */
/** The ids pair() gives its hospitals: mx<tag>-<case or shared>-<a or b>. */
const matrixHospitalIds = /\bmx[0-9a-f]{6}-(?:shared|\d+)-[ab]\b/g;

/** What each `next` cursor of an answer decodes to (base64url JSON), so a leak in one is seen. */
export function decodedCursors(text: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [];
  }
  const next = (body as { next?: unknown } | null)?.next;
  return typeof next === 'string' ? [Buffer.from(next, 'base64url').toString('utf8')] : [];
}

const limitedSub = (hospitalId: string) => `matrix-limited-engineer-${hospitalId}`;

export async function isolationMatrix(
  target: SecurityTarget,
  options: {
    routes?: readonly RouteDef[];
    concurrency?: number;
    /** Fresh hospitals for every write, not only for writes that should succeed (see below). */
    freshForEveryWrite?: boolean;
    /** Only the cases a test is about (e.g. another hospital's), when the rest would only cost time. */
    only?: (c: MatrixCase) => boolean;
  } = {},
): Promise<{ cases: number; mismatches: Mismatch[] }> {
  const cases = matrixCases(options.routes).filter(options.only ?? (() => true));
  const tag = runTag();
  // Hospitals A and B, and B as it is before any case ran against it.
  const pair = async (i: number | 'shared') => {
    const [a, b] = await Promise.all([
      hospitalFixture(target.deps, `mx${tag}-${i}-a`, `隔离甲 ${tag}-${i}`),
      hospitalFixture(target.deps, `mx${tag}-${i}-b`, `隔离乙 ${tag}-${i}`),
    ]);
    await limitEngineer(target.db, limitedSub(a.hospital.id), a.hospital.id);
    return { a, b, bBefore: await hospitalSnapshot(target.db, b.hospital.id) };
  };
  // Cases that should change nothing share one pair of hospitals; a write that should succeed
  // gets its own pair, so no case sees another's change. Against a check that lets writes through
  // where they must not, pass freshForEveryWrite, or those writes disturb the shared pair.
  const shared = await pair('shared');
  // Six at a time: the matrix creates hundreds of hospitals, and the vendor overview reads two
  // queries per hospital (issue 19: rollups), so twelve at once on two cores pushed its reads past
  // the local Lambda's timeout and a 503 into the matrix.
  const found = await pool([...cases.entries()], options.concurrency ?? 6, async ([i, c]) => {
    // A token that names no role is refused before any check the tests tamper with: no fresh pair
    // unless the write is meant to succeed (a public route).
    const fresh =
      c.route.method !== 'GET' &&
      (expectedOutcome(c) === 'success' ||
        (options.freshForEveryWrite === true && c.malformedGroup === undefined));
    const { a, b, bBefore: before } = fresh ? await pair(i) : shared;
    const principal: Principal | null =
      c.role === null
        ? null
        : c.limited
          ? {
              sub: limitedSub(a.hospital.id),
              email: `limited-${c.role}@matrix.example`,
              role: c.role,
              hospitalId: null,
            }
          : {
              sub: `matrix-${c.role}`,
              email: `${c.role}@matrix.example`,
              role: c.role,
              hospitalId: isVendorRole(c.role) ? null : a.hospital.id,
              ...(c.malformedGroup === undefined ? {} : { groups: [c.malformedGroup] }),
            };
    const request = exampleRequest(c.route, {
      target: c.hospital === 'other' ? b : a,
      unique: `${tag}-${i}`,
    });
    // Hospital users and the assigned engineer must never see or change hospital B.
    const guarded =
      principal === null ||
      principal.hospitalId !== null ||
      c.limited ||
      c.malformedGroup !== undefined;
    const answer = await target.send(principal, request);
    // A page of one as well: the cursor it gives must not name what the engineer may not see.
    const query = new URLSearchParams(request.rawQuery ?? '');
    const onePage =
      c.limited && c.route.method === 'GET' && query.has('limit')
        ? await target.send(principal, {
            ...request,
            rawQuery: new URLSearchParams({ ...Object.fromEntries(query), limit: '1' }).toString(),
          })
        : null;
    const after = guarded ? await hospitalSnapshot(target.db, b.hospital.id) : [];

    const mismatches: Mismatch[] = [];
    const expected = expectedOutcome(c);
    const ok =
      expected === 'success'
        ? answer.status >= 200 && answer.status < 300
        : answer.status === expected;
    if (!ok)
      mismatches.push({
        case: label(c),
        kind: 'status',
        detail: `expected ${expected}, got ${answer.status}: ${answer.text.slice(0, 200)}`,
      });
    if (guarded) {
      const leaked = secretsOf(b).filter(
        (s) => answer.text.includes(s) || decodedCursors(answer.text).some((d) => d.includes(s)),
      );
      if (leaked.length > 0)
        mismatches.push({
          case: label(c),
          kind: 'leak',
          detail: `the answer (${answer.status}) shows the other hospital's ${leaked.join(', ')}`,
        });
      // A vendor-wide list must show the assigned engineer no hospital but A: not B, and none of
      // the other runs' hospitals on the same table either.
      // Cursors included: what a `next` cursor decodes to must name no hospital but A either.
      const seen = [answer.text, onePage?.text ?? '']
        .flatMap((t) => [t, ...decodedCursors(t)])
        .join('\n');
      const foreign = c.limited
        ? [...new Set(seen.match(matrixHospitalIds) ?? [])].filter(
            (id) => id !== a.hospital.id && id !== b.hospital.id,
          )
        : [];
      if (foreign.length > 0)
        mismatches.push({
          case: label(c),
          kind: 'leak',
          detail: `the answer (${answer.status}) shows hospitals not assigned to the engineer: ${foreign.slice(0, 3).join(', ')}`,
        });
      if (JSON.stringify(after) !== JSON.stringify(before))
        mismatches.push({
          case: label(c),
          kind: 'write',
          detail: `the other hospital changed: ${before.length} items before, ${after.length} after`,
        });
    }
    return mismatches;
  });
  return { cases: cases.length, mismatches: found.flat() };
}
