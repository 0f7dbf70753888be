import { describe, expect, it } from 'vitest';
import { routes, type RouteDef } from '@weibao/api';
import * as z from 'zod';
import { createRouter } from './router.ts';

function route(method: RouteDef['method'], path: string): RouteDef {
  return {
    operationId: `${method} ${path}`,
    method,
    path,
    handler: 'test/handler',
    summary: '',
    access: { kind: 'public' },
    response: z.unknown(),
  };
}

describe('the local router over the route table', () => {
  const router = createRouter(routes);

  it('matches a literal route with no path parameters', () => {
    const m = router.match('GET', '/api/health');
    expect(m?.route.operationId).toBe('getHealth');
    expect(m?.routeKey).toBe('GET /api/health');
    expect(m?.pathParameters).toBeUndefined();
  });

  it('names the route as API Gateway does and decodes path parameters', () => {
    const m = router.match('GET', '/api/hospitals/%77hzx/contracts/01J0000000000000000000000A');
    expect(m?.routeKey).toBe('GET /api/hospitals/{hospitalId}/contracts/{contractId}');
    expect(m?.pathParameters).toEqual({
      hospitalId: 'whzx',
      contractId: '01J0000000000000000000000A',
    });
  });

  it('tells routes apart by method on the same path', () => {
    expect(router.match('PATCH', '/api/hospitals/whzx')?.route.operationId).toBe('updateHospital');
    expect(router.match('DELETE', '/api/hospitals/whzx')?.route.operationId).toBe('deleteHospital');
  });

  it('answers no match for unknown paths, other methods, trailing slashes and empty parameters', () => {
    expect(router.match('GET', '/api/nothing')).toBeUndefined();
    expect(router.match('PUT', '/api/health')).toBeUndefined();
    expect(router.match('GET', '/api/health/')).toBeUndefined();
    expect(router.match('GET', '/api/hospitals//contracts')).toBeUndefined();
    expect(router.match('GET', '/api/hospitals/%E0%A4%A/contracts')).toBeUndefined();
  });

  it('prefers a literal segment over a parameter, and a parameter over a greedy one', () => {
    const r = createRouter([
      route('GET', '/files/{proxy+}'),
      route('GET', '/files/{name}'),
      route('GET', '/files/latest'),
    ]);
    expect(r.match('GET', '/files/latest')?.route.path).toBe('/files/latest');
    expect(r.match('GET', '/files/a.pdf')?.pathParameters).toEqual({ name: 'a.pdf' });
    expect(r.match('GET', '/files/2025/q1/a.pdf')?.pathParameters).toEqual({
      proxy: '2025/q1/a.pdf',
    });
  });
});
