import { pathParamNames, routes, type RouteDef } from '@weibao/api';
import { queryStringParameters } from '@weibao/local/api-event';
import { allHospitals } from '@weibao/store';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluationLinkObject, mintLinkToken } from '@weibao/usecases';
import { isIssuedKey } from '../../packages/usecases/src/files/issued-keys.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { routeExamples, type ExampleContext, type HospitalFixture } from './route-examples.ts';
import {
  exampleRequest,
  hospitalFixture,
  hospitalSnapshot,
  pathOf,
  runTag,
  stackTarget,
  type ApiRequest,
  type Principal,
  type SecurityTarget,
} from './support.ts';

/** Runs per route and input; FUZZ_RUNS=500 npm run test:int for a deeper search. */
const numRuns = Number(process.env.FUZZ_RUNS ?? 25);

// The most privileged caller, so that what stops garbage is validation, not authorization.
const admin: Principal = {
  sub: 'fuzz-admin',
  email: 'admin@fuzz.example',
  role: 'vendor-admin',
  hospitalId: null,
};

let stack: TestStack;
let target: SecurityTarget;
let own: HospitalFixture;
let other: HospitalFixture;
let context: ExampleContext;
beforeAll(async () => {
  stack = await startTestStack();
  target = stackTarget(stack);
  const tag = runTag();
  [own, other] = await Promise.all([
    hospitalFixture(target.deps, `fz${tag}-a`, `模糊甲 ${tag}`),
    hospitalFixture(target.deps, `fz${tag}-b`, `模糊乙 ${tag}`),
  ]);
  context = { target: own, unique: `fz${tag}` };
});
afterAll(async () => {
  await stack?.stop();
});

/** Both hospitals' items and audit logs and the vendor's hospital list: any write changes it. */
async function tableState(): Promise<string> {
  const [a, b, list] = await Promise.all([
    hospitalSnapshot(target.db, own.hospital.id),
    hospitalSnapshot(target.db, other.hospital.id),
    allHospitals(target.db, { limit: 100 }),
  ]);
  return JSON.stringify({ a, b, hospitals: list.items.map((h) => `${h.id}@${h.version}`) });
}

/** Runs a property and checks that nothing at all was written while it ran. */
async function withoutWrites(property: fc.IAsyncProperty<[unknown]>): Promise<void> {
  const before = await tableState();
  await fc.assert(property, { numRuns });
  expect(await tableState(), 'garbage input changed the table').toBe(before);
}

const isWrite = (route: RouteDef) => route.method !== 'GET';
const jsonType = /^application\/(.+\+)?json\b/i;

/** Whether the route would take this body: no body at all is what a route without a schema takes. */
function validBody(route: RouteDef, text: string): boolean {
  if (!route.body) return text === '';
  try {
    return route.body.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

/** JSON values, raw text, and the route's valid example with one key dropped, added or replaced. */
function bodies(route: RouteDef): fc.Arbitrary<string> {
  const example = routeExamples[route.operationId as keyof typeof routeExamples]?.body?.(context);
  const mutated =
    example && typeof example === 'object'
      ? fc
          .tuple(fc.nat(), fc.jsonValue(), fc.constantFrom('drop', 'add', 'replace'))
          .map(([n, value, op]) => {
            const copy = structuredClone(example) as Record<string, unknown>;
            const names = Object.keys(copy);
            const name = names[n % names.length] as string;
            if (op === 'drop') delete copy[name];
            else if (op === 'add') copy[`x${n}`] = value;
            else copy[name] = value;
            return JSON.stringify(copy);
          })
      : fc.constant('{}');
  return fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string(),
    mutated,
  );
}

/** Cursors that decode to well-formed keys this list never gave out (a DynamoDB ValidationException once answered 500). */
const wellFormedCursors = fc
  .oneof(
    fc.constant({ pk: 'H#whzx' }),
    fc.record({ pk: fc.constantFrom('H#whzx', 'H#jcey', 'QUEUE'), sk: fc.string() }),
    fc.dictionary(
      fc.constantFrom('pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'x'),
      fc.oneof(fc.string(), fc.integer()),
    ),
  )
  .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url'));

const queries = fc.oneof(
  fc.string(),
  fc
    .array(
      fc.tuple(fc.oneof(fc.constantFrom('limit', 'cursor', 'version'), fc.string()), fc.string()),
    )
    .map((pairs) => new URLSearchParams(pairs).toString()),
  wellFormedCursors.map((cursor) => new URLSearchParams({ cursor }).toString()),
);

const paramValues = fc.oneof(
  fc.string(),
  fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,39}$/),
  fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
);

const contentTypes = fc
  .oneof(
    fc.constantFrom(
      'text/plain',
      'text/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/jsonx',
      'application/octet-stream',
      '',
    ),
    fc.stringMatching(/^[\x20-\x7e]{0,40}$/),
  )
  .filter((t) => !jsonType.test(t.trim()));

/** Every string in a value, with its path (`reporter.name`, `attendees.0.name`). */
function stringLeaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  return [];
}

function withLeaf(value: unknown, path: (string | number)[], leaf: string): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy;
  for (const step of path.slice(0, -1)) at = at[step] as Record<string | number, unknown>;
  at[path[path.length - 1] as string | number] = leaf;
  return copy;
}

/**
 * Control characters no text field may hold: NUL, the other C0 and C1 controls but tab and line
 * breaks, and the Unicode line and paragraph separators. A single-line field (headed for a mail
 * subject or a file name) refuses CR and LF too; the header tests check that (header-injection).
 */
const forbiddenControls = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u2028',
  '\u2029',
);

/**
 * Body fields whose text can end up in a mail header (a ticket's title in an escalation's
 * subject, a person's name beside an address, a notice's topic) or in a file name.
 */
const headerBound = new Set(['title', 'name', 'topic', 'fileName', 'filename', 'subject']);

/** Why an answer is wrong: never a 5xx, and garbage is always a 4xx (a valid write was skipped). */
function wrongAnswer(status: number, valid: boolean): string | null {
  if (status >= 500) return `server error ${status}`;
  if (!valid && (status < 400 || status >= 500)) return `garbage answered ${status}`;
  return null;
}

/** The most privileged caller the route allows: the vendor admin, or else its own hospital's user. */
function callerFor(route: RouteDef): Principal {
  if (route.access.kind === 'public' || route.access.roles.includes('vendor-admin')) return admin;
  const role = route.access.roles[0] as Principal['role'];
  return { sub: `fuzz-${role}`, email: `${role}@fuzz.example`, role, hospitalId: own.hospital.id };
}

async function send(req: ApiRequest, route: RouteDef): Promise<number> {
  return (await target.send(callerFor(route), req)).status;
}

describe.each(routes.map((r): [string, RouteDef] => [r.operationId, r]))(
  'fuzzing %s',
  (_, route) => {
    it.skipIf(route.method === 'GET')('answers random bodies with 4xx and writes nothing', () =>
      withoutWrites(
        fc.asyncProperty(bodies(route), async (body) => {
          fc.pre(!validBody(route, body));
          const base = exampleRequest(route, context);
          const status = await send(
            {
              ...base,
              body,
              headers: { ...base.headers, 'content-type': 'application/json' },
            },
            route,
          );
          expect(wrongAnswer(status, false)).toBeNull();
        }),
      ),
    );

    it('answers random query strings with 4xx unless they are valid, and writes nothing', () =>
      withoutWrites(
        fc.asyncProperty(queries, async (rawQuery) => {
          // What reaches the server: the URL parser trims and percent-encodes the query first.
          const sent = new URL(`/?${rawQuery}`, 'http://localhost').search.slice(1);
          const parsed = queryStringParameters(sent);
          const valid = route.query
            ? route.query.safeParse(parsed ?? {}).success
            : parsed === undefined;
          fc.pre(!(valid && isWrite(route)));
          const status = await send({ ...exampleRequest(route, context), rawQuery }, route);
          expect(wrongAnswer(status, valid)).toBeNull();
        }),
      ));

    it.skipIf(pathParamNames(route.path).length === 0)(
      'answers random path parameters with 4xx and writes nothing',
      () =>
        withoutWrites(
          fc.asyncProperty(
            fc.tuple(...pathParamNames(route.path).map(() => paramValues)),
            async (values) => {
              const names = pathParamNames(route.path);
              const known = [own, other].flatMap((f) => [
                f.hospital.id,
                f.contract.id,
                f.ticket.id,
                f.notice.id,
                f.ledgerEntry.id,
              ]);
              fc.pre(!values.some((v) => known.includes(v) || ['whzx', 'jcey'].includes(v)));
              const params = Object.fromEntries(names.map((n, i) => [n, values[i] as string]));
              const status = await send(
                {
                  ...exampleRequest(route, context),
                  path: pathOf(route, params),
                },
                route,
              );
              expect(wrongAnswer(status, false)).toBeNull();
            },
          ),
        ),
    );

    const example = routeExamples[route.operationId as keyof typeof routeExamples]?.body;
    it.skipIf(!route.body || !example)(
      'refuses a control character in any text field of the body with 400 naming that field, and writes nothing',
      async (ctx) => {
        if (stringLeaves(example?.(context)).length === 0) {
          const reason = `${route.operationId}: its body has no text field (numbers and versions only)`;
          console.info(`skipped: ${reason}`);
          ctx.skip(reason);
        }
        await withoutWrites(
          fc.asyncProperty(
            fc.tuple(fc.nat(), forbiddenControls, fc.nat(), fc.constantFrom('\r', '\n', '\r\n')),
            async ([n, anyControl, at, lineBreak]) => {
              const body = example?.(context);
              const leaves = stringLeaves(body);
              const path = leaves[n % leaves.length] as (string | number)[];
              // A field that may reach a mail header or a file name refuses line breaks as well.
              const control =
                headerBound.has(String(path[path.length - 1])) && n % 2 === 0
                  ? lineBreak
                  : anyControl;
              const before = path.reduce<unknown>(
                (v, step) => (v as Record<string | number, unknown>)[step],
                body,
              ) as string;
              // Inside the text: at either end, trimming would take white-space controls away.
              const inside =
                before.length < 2
                  ? `${before}x${control}x${before}`
                  : before.slice(0, 1 + (at % (before.length - 1))) +
                    control +
                    before.slice(1 + (at % (before.length - 1)));
              const changed = withLeaf(body, path, inside);
              const base = exampleRequest(route, context);
              const answer = await target.send(callerFor(route), {
                ...base,
                body: JSON.stringify(changed),
                headers: { ...base.headers, 'content-type': 'application/json' },
              });
              expect(answer.status, `${path.join('.')} with ${JSON.stringify(control)}`).toBe(400);
              const problem = JSON.parse(answer.text) as { errors?: { path: string }[] };
              expect(problem.errors?.map((e) => e.path)).toContain(path.join('.'));
            },
          ),
        );
      },
    );

    it.skipIf(!route.body)('answers a body of any other content type with 415', () =>
      withoutWrites(
        fc.asyncProperty(contentTypes, async (type) => {
          const base = exampleRequest(route, context);
          const status = await send(
            {
              ...base,
              headers: { ...base.headers, 'content-type': type },
            },
            route,
          );
          expect(status).toBe(415);
        }),
      ),
    );
  },
);

describe('what comes back from a client that the server issued', () => {
  const ulids = fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/);

  /** A deliverable upload of the fixture hospital: the key the server issues for it. */
  async function issuedUpload(f: HospitalFixture) {
    const answer = await target.send(admin, {
      method: 'POST',
      path: `/api/hospitals/${f.hospital.id}/contracts/${f.contract.id}/deliverables/1/meeting-minutes/uploads`,
      body: JSON.stringify({
        fileName: '会议纪要.pdf',
        contentType: 'application/pdf',
        sizeBytes: 10,
      }),
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(201);
    return JSON.parse(answer.text) as {
      fileKey: string;
      uploadUrl: string;
      headers: Record<string, string>;
    };
  }

  it('refuses every deliverable file key but an issued one whose file is there, and writes nothing', async () => {
    // Prepare: a key issued to this hospital (no file uploaded) and the other one's file, stored
    const mine = (await issuedUpload(own)).fileKey;
    const upload = await issuedUpload(other);
    const theirs = upload.fileKey;
    const put = await fetch(upload.uploadUrl, {
      method: 'PUT',
      headers: upload.headers,
      body: '0123456789',
    });
    expect(put.status).toBe(200);
    const folder = mine.slice(0, mine.lastIndexOf('/') + 1);
    const depth = folder.split('/').length - 1;
    const keys = fc.oneof(
      fc.string(),
      fc.string().map((tail) => `${folder}${tail}`),
      fc.nat(depth + 2).map((up) => `${folder}${'../'.repeat(up)}${theirs}`),
      fc
        .constantFrom('%2F', '%2f', '..%2F', '/./', '//', '\\')
        .map((sep) => `${folder}..${sep}${theirs}`),
      ulids.map((id) => `${theirs.slice(0, theirs.lastIndexOf('/') + 1)}${id}.pdf`),
      ulids.map((id) => `${folder}${id}.pdf`),
      fc.constantFrom(mine, theirs, `${mine}/`, ` ${mine}`, mine.toLowerCase()),
    );
    // Act and assess
    await withoutWrites(
      fc.asyncProperty(keys, async (fileKey) => {
        const answer = await target.send(admin, {
          method: 'PUT',
          path: `/api/hospitals/${own.hospital.id}/contracts/${own.contract.id}/deliverables/1/meeting-minutes`,
          body: JSON.stringify({
            state: 'attached',
            version: 0,
            fileKey,
            fileName: '会议纪要.pdf',
          }),
          headers: { 'content-type': 'application/json' },
        });
        expect(answer.status, fileKey).toBeGreaterThanOrEqual(400);
        expect(answer.status, fileKey).toBeLessThan(500);
        expect(answer.text).not.toContain(other.hospital.name);
        // Not in the issued shape (this item's folder, an id, an extension): refused as such,
        // before any storage is asked about it.
        if (!isIssuedKey(fileKey, folder))
          expect(JSON.parse(answer.text), fileKey).toMatchObject({
            status: 400,
            errors: [{ path: 'fileKey' }],
          });
      }),
    );
  });

  it('answers every link whose time is over with 410 and reads nothing of the hospital', async () => {
    // Prepare: links of each kind, expired between a millisecond and a year ago
    const kinds = ['notice', 'evaluation', 'inspection'] as const;
    const expired = fc
      .tuple(fc.integer({ min: 1, max: 365 * 86_400_000 }), fc.constantFrom(...kinds))
      .map(async ([agoMs, kind]) =>
        mintLinkToken(target.deps.linkKey, {
          hospitalId: own.hospital.id,
          action:
            kind === 'notice'
              ? 'acknowledge-notice'
              : kind === 'evaluation'
                ? 'enter-evaluation-service-level'
                : 'sign-inspection-it-center',
          objectId:
            kind === 'notice'
              ? own.notice.id
              : kind === 'evaluation'
                ? evaluationLinkObject(own.contract.id, 'q1')
                : `${own.contract.id}:${own.awaitingInspection.id}`,
          email: 'it@fixture.example',
          expiresAt: new Date(Date.now() - agoMs).toISOString(),
        }).then((m) => ({ token: m.token, kind })),
      );
    // Act and assess
    await withoutWrites(
      fc.asyncProperty(expired, async (minting) => {
        const { token, kind } = await minting;
        // Each kind's describe (GET) and use (POST), as the SPA's link page calls them.
        const reads = {
          notice: [
            { method: 'GET', path: '/api/links/describe', rawQuery: `token=${token}` },
            {
              method: 'POST',
              path: '/api/links/acknowledge-notice',
              body: JSON.stringify({ token }),
            },
          ],
          evaluation: [
            { method: 'GET', path: '/api/links/evaluation-part', rawQuery: `token=${token}` },
            {
              method: 'POST',
              path: '/api/links/evaluation-part',
              body: JSON.stringify({
                token,
                spotChecks: { sampled: 10, passed: 10 },
                adverseEvents: 0,
              }),
            },
          ],
          inspection: [
            {
              method: 'GET',
              path: '/api/links/inspection-signature',
              rawQuery: `token=${token}`,
            },
            {
              method: 'POST',
              path: '/api/links/inspection-signature',
              body: JSON.stringify({
                token,
                name: '刘洋',
                contentSha256: own.awaitingInspection.contentSha256,
              }),
            },
          ],
        }[kind];
        for (const req of reads) {
          const answer = await target.send(null, {
            ...req,
            headers: { 'content-type': 'application/json' },
          });
          expect(answer.status, `${req.method} ${req.path}`).toBe(410);
          expect(answer.text).not.toContain(own.hospital.name);
          expect(answer.text).not.toContain(own.contract.id);
        }
      }),
    );
  });
});

describe('the body size limit through the API', () => {
  it('answers a body over 1 MiB with 413 problem+json and writes nothing', async () => {
    // Prepare
    const before = await tableState();
    const huge = JSON.stringify({ terms: { name: 'x'.repeat(1024 * 1024) } });
    // Act
    const answer = await target.send(admin, {
      method: 'POST',
      path: `/api/hospitals/${own.hospital.id}/contracts`,
      body: huge,
      headers: { 'content-type': 'application/json' },
    });
    // Assess
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({ status: 413 });
    expect(await tableState()).toBe(before);
  });
});
