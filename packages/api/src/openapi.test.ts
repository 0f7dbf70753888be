import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi.ts';
import { routes } from './routes.ts';

describe('the OpenAPI document', () => {
  it('describes every route of the table with its roles and schemas', () => {
    const doc = openApiDocument(routes) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { operationId: string; 'x-roles': string[]; requestBody?: unknown }>
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const r of routes) {
      const op = doc.paths[r.path]?.[r.method.toLowerCase()];
      expect(op?.operationId, `${r.method} ${r.path}`).toBe(r.operationId);
      expect(Boolean(op?.requestBody)).toBe('body' in r);
    }
    expect(doc.paths['/api/hospitals/{hospitalId}/contracts']?.post?.['x-roles']).toEqual([
      'vendor-admin',
      'service-manager',
    ]);
  });

  it('shows money as integer fen in the contract schema', () => {
    const doc = JSON.stringify(openApiDocument(routes));
    expect(doc).toContain('"totalFen":{"type":"integer"');
  });
});
