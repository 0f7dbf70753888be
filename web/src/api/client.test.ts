import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { routes, type Contract, type OperationId } from '@weibao/api';
import { ApiError } from './api-error.ts';
import { createApiClient, fileNameOf, fillPath } from './client.ts';
import { mayCall, operations } from './operations.ts';

function fakeFetch(status = 200, body: unknown = {}, contentType = 'application/json') {
  return vi.fn(
    async (_url: string | URL | Request, _init?: RequestInit) =>
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': contentType },
      }),
  );
}

describe('the typed API client', () => {
  it('knows exactly the operations of the route table, each with its method and path', () => {
    // Prepare
    const table = Object.fromEntries(
      routes.map((r) => [
        r.operationId,
        {
          method: r.method,
          path: r.path,
          access: r.access,
          ...('idempotent' in r && r.idempotent ? { idempotent: true } : {}),
        },
      ]),
    );
    // Assess
    expect(operations).toEqual(table);
    expectTypeOf<keyof typeof operations>().toEqualTypeOf<OperationId>();
  });

  it('shows contract editing only to the roles the route table lets change a contract', () => {
    expect(mayCall('service-manager', 'updateContract')).toBe(true);
    expect(mayCall('hospital-dept', 'updateContract')).toBe(false);
    expect(mayCall('hospital-dept', 'listAuditRecords')).toBe(false);
    expect(mayCall(undefined, 'getHealth')).toBe(true);
  });

  it('calls every route of the table with its method, filled path and bearer token', async () => {
    for (const route of routes) {
      // Prepare
      const fetch = fakeFetch();
      const api = createApiClient({ baseUrl: 'https://api.test', token: () => 'T', fetch });
      const params = Object.fromEntries(
        [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], `v-${m[1]}`]),
      );
      const hasBody = 'body' in route;
      // Act: the loop goes over every id, so the input is checked at run time, not per route.
      const call = api.call as (id: OperationId, input?: object) => Promise<unknown>;
      await call(route.operationId, { params, ...(hasBody ? { body: { any: 1 } } : {}) });
      // Assess
      const [url, init] = fetch.mock.calls[0] ?? [];
      expect(init?.method, route.operationId).toBe(route.method);
      expect(url).toBe(`https://api.test${fillPath(route.path, params)}`);
      expect(String(url)).not.toContain('{');
      expect((init?.headers as Record<string, string>).authorization).toBe('Bearer T');
      expect(init?.body !== undefined).toBe(hasBody);
    }
  });

  it('sends one Idempotency-Key through every attempt of a create that met a 503 or no answer', async () => {
    // Prepare: a 503, a dropped connection, then the ticket
    const answers = [
      () => new Response('{}', { status: 503, headers: { 'retry-after': '1' } }),
      () => {
        throw new TypeError('Failed to fetch');
      },
      () => new Response(JSON.stringify({ id: 't1' }), { status: 201 }),
    ];
    const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => {
      const next = answers.shift();
      if (!next) throw new Error('called too often');
      return next();
    });
    const waits: number[] = [];
    const api = createApiClient({
      baseUrl: '',
      token: () => 'T',
      fetch,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const call = api.call as (id: OperationId, input?: object) => Promise<unknown>;
    // Act
    const out = await call('createTicket', { params: { hospitalId: 'whzx' }, body: { any: 1 } });
    // Assess
    expect(out).toEqual({ id: 't1' });
    const keys = fetch.mock.calls.map(
      ([, init]) => (init?.headers as Record<string, string>)['idempotency-key'],
    );
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(waits).toEqual([1000, 200]);
  });

  it('gives each new create its own key, keeps a key the caller holds, and repeats no other call', async () => {
    // Prepare
    const fetch = fakeFetch(503);
    const api = createApiClient({ baseUrl: '', token: () => 'T', fetch, sleep: async () => {} });
    const call = api.call as (id: OperationId, input?: object) => Promise<unknown>;
    const keyOf = (i: number) =>
      (fetch.mock.calls[i]?.[1]?.headers as Record<string, string>)['idempotency-key'];
    // Act
    await expect(call('createHospital', { body: { id: 'x' } })).rejects.toBeInstanceOf(ApiError);
    const afterPlain = fetch.mock.calls.length;
    await expect(
      call('postTicketEvent', {
        params: { hospitalId: 'whzx', ticketId: 't' },
        body: { type: 'comment' },
        idempotencyKey: 'kept-by-the-form',
      }),
    ).rejects.toMatchObject({ status: 503 });
    // Assess
    expect(afterPlain).toBe(1);
    expect(keyOf(0)).toBeUndefined();
    expect(fetch.mock.calls.length).toBe(4);
    expect([keyOf(1), keyOf(2), keyOf(3)]).toEqual(Array(3).fill('kept-by-the-form'));
  });

  it('downloads a DOCX answer as bytes with the server’s file name, and a refusal as a problem', async () => {
    // Prepare
    const bytes = new Uint8Array([0x50, 0x4b, 3, 4]);
    const fetch = vi
      .fn<typeof globalThis.fetch>()
      .mockResolvedValueOnce(
        new Response(bytes, {
          status: 200,
          headers: { 'content-disposition': 'attachment; filename="evaluation-q2.docx"' },
        }),
      )
      .mockResolvedValueOnce(
        new Response(JSON.stringify({ title: 'Not Found', status: 404, detail: 'no quarter 9' }), {
          status: 404,
          headers: { 'content-type': 'application/problem+json' },
        }),
      );
    const api = createApiClient({ baseUrl: '', token: () => 'T', fetch });
    const params = {
      hospitalId: 'whzx',
      contractId: '01KAW00000000000000000WHZX',
      kind: 'evaluation' as const,
    };
    // Act
    const file = await api.download('getContractDocument', { params, query: { quarter: 2 } });
    const refused = await api
      .download('getContractDocument', { params, query: { quarter: 9 } })
      .catch((e: unknown) => e);
    // Assess
    expect(fetch.mock.calls[0]?.[0]).toBe(
      '/api/hospitals/whzx/contracts/01KAW00000000000000000WHZX/documents/evaluation?quarter=2',
    );
    expect(new Uint8Array(await file.blob.arrayBuffer())).toEqual(bytes);
    expect(file.fileName).toBe('evaluation-q2.docx');
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).message).toBe('no quarter 9');
    expect(fileNameOf(null)).toBeNull();
    // The UTF-8 name wins over the ASCII one; a broken encoding falls back to the ASCII one
    expect(
      fileNameOf(
        `attachment; filename="evaluation-q2.docx"; filename*=UTF-8''${encodeURIComponent('武汉市中心医院-2026第2季度-维保服务评价报告.docx')}`,
      ),
    ).toBe('武汉市中心医院-2026第2季度-维保服务评价报告.docx');
    expect(fileNameOf(`attachment; filename="a.docx"; filename*=UTF-8''%E6%`)).toBe('a.docx');
  });

  it('types params, query, body and the answer from the route’s schemas', () => {
    const api = createApiClient({ baseUrl: '', token: () => null, fetch: fakeFetch() });
    const params = { hospitalId: 'whzx', contractId: '01KAW00000000000000000WHZX' };
    expectTypeOf(api.call('getContract', { params })).resolves.toEqualTypeOf<Contract>();
    expectTypeOf(api.call('getMe')).resolves.toHaveProperty('hospitalId');
    expectTypeOf(api.call('listHospitals', { query: { limit: 10 } }))
      .resolves.toHaveProperty('items')
      .toBeArray();
    // Never run: these lines only have to fail type-checking.
    const typeErrors = () => {
      // @ts-expect-error getContract needs its path parameters
      void api.call('getContract');
      // @ts-expect-error the body of updateContract needs the version read
      void api.call('updateContract', { params, body: { terms: {} as Contract['terms'] } });
      // @ts-expect-error no such operation
      void api.call('listTickets');
    };
    expect(typeErrors).toBeTypeOf('function');
  });

  it('encodes path parameters and sends the query as strings', async () => {
    const fetch = fakeFetch(200, { items: [], next: null });
    const api = createApiClient({ baseUrl: '', token: () => null, fetch });
    await api.call('listAuditRecords', {
      params: { hospitalId: 'a/b' },
      query: { limit: 20, cursor: 'x y' },
    });
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/hospitals/a%2Fb/audit?limit=20&cursor=x+y');
  });

  it('turns problem+json into an ApiError with its message, field paths and current version', async () => {
    // Prepare
    const problem = {
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'the contract was changed by someone else',
      errors: [{ path: 'terms.name', message: 'too long' }],
      currentVersion: 3,
    };
    const api = createApiClient({
      baseUrl: '',
      token: () => 't',
      fetch: fakeFetch(409, problem, 'application/problem+json'),
    });
    // Act
    const err = await api.call('getMe').catch((e: unknown) => e);
    // Assess
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).toBe(409);
    expect(e.message).toBe('the contract was changed by someone else');
    expect(e.fieldErrors).toEqual([{ path: 'terms.name', message: 'too long' }]);
    expect(e.currentVersion).toBe(3);
    expect(e.isConflict).toBe(true);
  });

  it('reads API Gateway’s bare 401 and tells the app the session is gone', async () => {
    const onUnauthorized = vi.fn();
    const api = createApiClient({
      baseUrl: '',
      token: () => 'expired',
      onUnauthorized,
      fetch: fakeFetch(401, { message: 'Unauthorized' }),
    });
    const err = (await api.call('getMe').catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(401);
    expect(err.message).toBe('Unauthorized');
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('reports a network failure as status 0', async () => {
    const api = createApiClient({
      baseUrl: '',
      token: () => null,
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const err = (await api.call('getHealth').catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(0);
  });

  it('sends If-None-Match on a conditional refetch and keeps the answer it holds on 304', async () => {
    const page = { items: [{ id: 't1' }], next: null };
    const answers = [
      new Response(JSON.stringify(page), { status: 200, headers: { etag: 'W/"a"' } }),
      new Response(null, { status: 304, headers: { etag: 'W/"a"' } }),
      new Response(JSON.stringify({ items: [], next: null }), {
        status: 200,
        headers: { etag: 'W/"b"' },
      }),
    ];
    const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => {
      const next = answers.shift();
      if (!next) throw new Error('no more answers');
      return next;
    });
    const api = createApiClient({ baseUrl: '', token: () => 't', fetch });
    const first = await api.call('getVendorQueue', { conditional: true });
    const second = await api.call('getVendorQueue', { conditional: true });
    const third = await api.call('getVendorQueue', { conditional: true });
    const sent = fetch.mock.calls.map(
      ([, init]) => (init?.headers as Record<string, string>)['if-none-match'],
    );
    expect(sent).toEqual([undefined, 'W/"a"', 'W/"a"']);
    expect(second).toEqual(first);
    expect(third).toEqual({ items: [], next: null });
  });
});
