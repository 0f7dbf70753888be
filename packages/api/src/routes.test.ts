import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventHandlers } from './event-handlers.ts';
import { pathParamNames } from './route.ts';
import { routes } from './routes.ts';

const functionsDir = join(import.meta.dirname, '../../../functions');

function handlerFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory())
      return name === 'lib' || name === 'node_modules' ? [] : handlerFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts')
      ? [relative(functionsDir, full).replace(/\.ts$/, '')]
      : [];
  });
}

describe('the route table', () => {
  it('names a handler file for every route', () => {
    const missing = routes
      .filter((r) => !existsSync(join(functionsDir, `${r.handler}.ts`)))
      .map((r) => r.handler);
    expect(missing).toEqual([]);
  });

  it('has a route or an event-handler entry for every handler file, so no function is deployed without one', () => {
    const routed = new Set<string>([
      ...routes.map((r) => r.handler),
      ...eventHandlers.map((h) => h.handler),
    ]);
    expect(handlerFiles(functionsDir).filter((f) => !routed.has(f))).toEqual([]);
  });

  it('gives each route its own handler, operation id and method+path', () => {
    const unique = (xs: string[]) => new Set(xs).size === xs.length;
    expect(unique(routes.map((r) => r.handler))).toBe(true);
    expect(unique(routes.map((r) => r.operationId))).toBe(true);
    expect(unique(routes.map((r) => `${r.method} ${r.path}`))).toBe(true);
  });

  it('validates exactly the path parameters each path declares', () => {
    for (const r of routes) {
      const declared = pathParamNames(r.path).sort();
      const validated = 'params' in r && r.params ? Object.keys(r.params.shape).sort() : [];
      expect(validated, r.operationId).toEqual(declared);
    }
  });

  it('puts everything of a hospital under /api/hospitals/{hospitalId} with hospital access', () => {
    for (const r of routes.filter((r) => r.path.startsWith('/api/hospitals/{hospitalId}'))) {
      expect(r.access.kind, r.operationId).toBe('hospital');
    }
  });
});

describe('the event handlers', () => {
  it('name a handler file for every entry', () => {
    const missing = eventHandlers
      .filter((h) => !existsSync(join(functionsDir, `${h.handler}.ts`)))
      .map((h) => h.handler);
    expect(missing).toEqual([]);
  });

  it('have unique names and files, none shared with a route', () => {
    const files = [...routes.map((r) => r.handler), ...eventHandlers.map((h) => h.handler)];
    expect(new Set(files).size).toBe(files.length);
    const names = eventHandlers.map((h) => h.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('have names that fit a Lambda function name after the stage prefix', () => {
    for (const h of eventHandlers) expect(h.name).toMatch(/^[a-z][a-z0-9-]{0,39}$/);
  });
});
