import type { RouteDef } from '@weibao/api';

export interface RouteMatch<R extends RouteDef = RouteDef> {
  route: R;
  /** "GET /api/hospitals/{hospitalId}", as API Gateway names the route in the event. */
  routeKey: string;
  /** Decoded values; undefined when the route has no parameters, as API Gateway sends it. */
  pathParameters: Record<string, string> | undefined;
}

type Segment = { literal: string } | { param: string; greedy: boolean };

interface CompiledRoute<R extends RouteDef> {
  route: R;
  routeKey: string;
  segments: Segment[];
}

function compile(path: string): Segment[] {
  return path
    .split('/')
    .slice(1)
    .map((part) => {
      const m = /^\{(\w+)(\+)?\}$/.exec(part);
      return m ? { param: m[1] as string, greedy: m[2] === '+' } : { literal: part };
    });
}

/** Literal segments beat parameters, parameters beat greedy ones: API Gateway's "most specific route wins". */
function specificity(segments: Segment[]): number[] {
  return segments.map((s) => ('literal' in s ? 2 : s.greedy ? 0 : 1));
}

function moreSpecificFirst(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (b[i] ?? -1) - (a[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** A router over the route table; `match` returns undefined where API Gateway answers 404 Not Found. */
export function createRouter<R extends RouteDef>(routes: readonly R[]) {
  const compiled: CompiledRoute<R>[] = routes
    .map((route) => ({
      route,
      routeKey: `${route.method} ${route.path}`,
      segments: compile(route.path),
    }))
    .sort((a, b) => moreSpecificFirst(specificity(a.segments), specificity(b.segments)));

  function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
    const params: Record<string, string> = {};
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i] as Segment;
      if ('param' in seg && seg.greedy) {
        const rest = parts.slice(i);
        if (rest.length === 0 || rest.join('/') === '') return undefined;
        const value = decodeSegment(rest.join('/'));
        if (value === undefined) return undefined;
        params[seg.param] = value;
        return params;
      }
      const raw = parts[i];
      if (raw === undefined) return undefined;
      const value = decodeSegment(raw);
      if (value === undefined) return undefined;
      if ('literal' in seg) {
        if (value !== seg.literal) return undefined;
      } else {
        if (value === '') return undefined;
        params[seg.param] = value;
      }
    }
    return parts.length === segments.length ? params : undefined;
  }

  return {
    match(method: string, rawPath: string): RouteMatch<R> | undefined {
      const parts = rawPath.split('/').slice(1);
      for (const c of compiled) {
        if (c.route.method !== method.toUpperCase()) continue;
        const params = matchSegments(c.segments, parts);
        if (!params) continue;
        return {
          route: c.route,
          routeKey: c.routeKey,
          pathParameters: Object.keys(params).length > 0 ? params : undefined,
        };
      }
      return undefined;
    },
  };
}
