import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routes, routesByCapability } from '../routes.ts';

const functionsDir = join(import.meta.dirname, '../../../../functions');
const capabilities = Object.keys(routesByCapability);

/** The modules of @weibao/api a file imports values from (type-only imports left out). */
function apiValueImports(source: string): string[] {
  return [
    ...source.matchAll(/^import (?!type )[^;]*? from '(@weibao\/api(?:\/[\w/-]+)?)';/gms),
  ].map((m) => m[1] as string);
}

describe('the routes by capability', () => {
  it('put every route in exactly one capability', () => {
    // Prepare
    const capabilitiesOf = new Map<string, string[]>();
    for (const [capability, table] of Object.entries(routesByCapability))
      for (const r of table)
        capabilitiesOf.set(r.operationId, [
          ...(capabilitiesOf.get(r.operationId) ?? []),
          capability,
        ]);

    // Assess
    for (const r of routes)
      expect(capabilitiesOf.get(r.operationId), r.operationId).toHaveLength(1);
    expect([...capabilitiesOf.keys()].sort()).toEqual(routes.map((r) => r.operationId).sort());
  });

  it('compose, in their order, into the one route table every consumer reads', () => {
    expect(Object.values(routesByCapability).flat()).toEqual([...routes]);
    expect(
      Object.values(routesByCapability)
        .flat()
        .every((r, i) => r === routes[i]),
    ).toBe(true);
  });

  it('each come from the module of routes/ named after it, and every such module is composed', async () => {
    // Prepare
    const modules = readdirSync(import.meta.dirname)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'access-groups.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();

    // Assess
    expect(modules).toEqual([...capabilities].sort());
    for (const capability of capabilities) {
      const mod = (await import(`./${capability}.ts`)) as { routes: unknown };
      expect(mod.routes, capability).toBe(
        routesByCapability[capability as keyof typeof routesByCapability],
      );
    }
  });

  it('give each route handler its route from its own capability module only, so its bundle holds only those schemas', () => {
    for (const [capability, table] of Object.entries(routesByCapability))
      for (const r of table) {
        // Prepare
        const source = readFileSync(join(functionsDir, `${r.handler}.ts`), 'utf8');
        // The OpenAPI document describes every route: its function alone reads the whole table.
        const allowed =
          r.operationId === 'getOpenApi'
            ? [`@weibao/api/routes/${capability}`, '@weibao/api/routes', '@weibao/api/openapi']
            : [`@weibao/api/routes/${capability}`];

        // Assess
        expect(source, r.handler).toContain(`route('${r.operationId}')`);
        expect(apiValueImports(source).sort(), r.handler).toEqual(allowed.sort());
      }
  });
});
