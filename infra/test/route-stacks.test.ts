import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { routes, routesByCapability, type RouteDef } from '@weibao/api';
import { maxRoutesPerStack, routeChunks, type RoutesByCapability } from '../lib/route-stacks.ts';
import { synthWeibao, type Synthesized } from './synth.ts';

/** This project's ceiling per template, half of CloudFormation's 500, to keep room to grow. */
const resourceCeiling = 250;

function everyTemplate(synth: Synthesized): [string, Template][] {
  return [
    ['Data', synth.data],
    ['Auth', synth.auth],
    ['Api', synth.api],
    ['Web', synth.web],
    ...synth.routeStacks.map(
      ({ stack, template }) => [stack.node.path, template] as [string, Template],
    ),
  ];
}
const resourceCount = (template: Template) =>
  Object.keys((template.toJSON() as { Resources: object }).Resources).length;
const routeKeys = (synth: Synthesized) =>
  synth.routeStacks.flatMap(({ template }) =>
    Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties.RouteKey as string,
    ),
  );

/** The route table three times over: copies with their own operationIds and paths, same handlers. */
function tripled(byCapability: RoutesByCapability): RoutesByCapability {
  return Object.fromEntries(
    Object.entries(byCapability).map(([capability, list]) => [
      capability,
      [1, 2, 3].flatMap((copy) =>
        list.map((route): RouteDef =>
          copy === 1
            ? route
            : {
                ...route,
                operationId: `${route.operationId}Copy${copy}`,
                path: `/copy${copy}${route.path}`,
              },
        ),
      ),
    ]),
  );
}

describe('the route table by capability', () => {
  test('the stacks deploy the capabilities of @weibao/api: one nested stack per capability today', () => {
    // Act
    const chunks = routeChunks(routesByCapability);

    // Assess
    expect(chunks.map((c) => c.capability)).toEqual(Object.keys(routesByCapability).sort());
    expect(chunks.flatMap((c) => c.routes)).toHaveLength(routes.length);
    expect(new Set(chunks.flatMap((c) => c.routes))).toEqual(new Set(routes));
  });

  test('a capability with more routes than a stack takes is cut into stacks in route order; the first keeps its name', () => {
    // Prepare
    const many = Array.from(
      { length: 2 * maxRoutesPerStack + 1 },
      (_, i) => ({ ...routes[0], operationId: `op${i}` }) as RouteDef,
    );

    // Act
    const chunks = routeChunks({ tickets: many, links: many.slice(0, 3) });

    // Assess
    expect(chunks.map((c) => [c.id, c.routes.length])).toEqual([
      ['LinksRoutes', 3],
      ['TicketsRoutes', maxRoutesPerStack],
      ['TicketsRoutes2', maxRoutesPerStack],
      ['TicketsRoutes3', 1],
    ]);
    expect(chunks.slice(1).flatMap((c) => c.routes)).toEqual(many);
  });
});

describe('stacks keep room to grow', { timeout: 120_000 }, () => {
  test('no template, nested ones included, has more than 250 resources; every route is in a route stack', () => {
    // Act
    const synth = synthWeibao();

    // Assess
    for (const [name, template] of everyTemplate(synth))
      expect(resourceCount(template), name).toBeLessThanOrEqual(resourceCeiling);
    expect(routeKeys(synth).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  test('three times today’s routes still fit: every template stays at or below 250 resources', () => {
    // Prepare
    const larger = tripled(routesByCapability);
    expect(Object.values(larger).flat()).toHaveLength(3 * routes.length);

    // Act
    const synth = synthWeibao({}, larger);

    // Assess
    const counts = everyTemplate(synth).map(([name, t]) => [name, resourceCount(t)] as const);
    for (const [name, count] of counts) expect(count, name).toBeLessThanOrEqual(resourceCeiling);
    expect(routeKeys(synth)).toHaveLength(3 * routes.length);
    expect(synth.routeStacks.length).toBeGreaterThan(Object.keys(larger).length);
  });
});
