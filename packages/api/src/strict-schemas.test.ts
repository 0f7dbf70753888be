import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { RouteDef } from './route.ts';
import { routes } from './routes.ts';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  getter?: () => z.ZodType;
}
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Paths of every object schema inside `schema` that does not refuse unknown keys. */
export function looseObjects(schema: z.ZodType, path = '', seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const inner = (s: z.ZodType | null | undefined, p: string) => (s ? looseObjects(s, p, seen) : []);
  switch (def.type) {
    case 'object':
      return [
        ...(def.catchall && defOf(def.catchall).type === 'never' ? [] : [path || '(root)']),
        ...Object.entries(def.shape ?? {}).flatMap(([k, v]) => inner(v, path ? `${path}.${k}` : k)),
      ];
    case 'array':
      return inner(def.element, `${path}[]`);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return inner(def.innerType, path);
    case 'pipe':
      return [...inner(def.in, path), ...inner(def.out, path)];
    case 'union':
      return (def.options ?? []).flatMap((o) => inner(o, path));
    case 'intersection':
      return [...inner(def.left, path), ...inner(def.right, path)];
    case 'record':
      return [...inner(def.keyType, `${path}{key}`), ...inner(def.valueType, `${path}{}`)];
    case 'tuple':
      return [
        ...(def.items ?? []).flatMap((s, i) => inner(s, `${path}[${i}]`)),
        ...inner(def.rest, `${path}[…]`),
      ];
    case 'lazy':
      return def.getter ? inner(def.getter(), path) : [];
    default:
      return [];
  }
}

describe('every input schema of the route table', () => {
  it.each(routes.map((r): [string, RouteDef] => [r.operationId, r]))(
    '%s: params, query and body refuse unknown keys at every depth',
    (_, route) => {
      const loose = (['params', 'query', 'body'] as const).flatMap((part) => {
        const schema = route[part];
        return schema ? looseObjects(schema).map((p) => `${part}: ${p}`) : [];
      });
      expect(loose, 'use z.strictObject (or .strict()) for these').toEqual([]);
    },
  );

  it('finds a loose object, so the walk above can fail', async () => {
    const { z } = await import('zod');
    const schema = z.strictObject({
      a: z.array(z.object({ b: z.string() })).optional(),
      c: z.union([z.strictObject({}), z.looseObject({})]),
    });
    expect(looseObjects(schema)).toEqual(['a[]', 'c']);
  });
});
