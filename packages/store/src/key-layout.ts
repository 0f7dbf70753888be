import { keys } from './keys.ts';

/**
 * The key layout read off the keys module itself: each builder is called with marker arguments,
 * so a builder added to keys.ts shows up here (in the export, the import and docs/data-model.md)
 * without anyone listing it a second time.
 */
export interface KeyBuilderLayout {
  name: string;
  /** Parameter names as written in keys.ts (for the documentation only). */
  params: string[];
  /** Each key attribute the builder returns, with `<param>` where an argument goes. */
  attributes: Record<string, string>;
}

// Brackets no key prefix uses, so each argument can be found again in what a builder returns.
const marker = (i: number) => `⟦${i}⟧`;
const markerPattern = /⟦(\d+)⟧/g;

function paramNames(fn: (...args: never[]) => unknown): string[] {
  const source = fn.toString();
  const list = /^\s*(?:async\s*)?(?:function\s*\w*\s*)?\(([^)]*)\)/.exec(source)?.[1];
  const single = /^\s*(?:async\s+)?(\w+)\s*=>/.exec(source)?.[1];
  const raw = list !== undefined ? list.split(',') : single ? [single] : [];
  return raw.map((p) => p.replace(/[:=].*$/s, '').trim()).filter(Boolean);
}

type AnyBuilder = (...args: unknown[]) => Record<string, unknown>;

/** Calls one builder with markers in place of its arguments. */
function probe(name: string, fn: AnyBuilder): Record<string, string> {
  const args = Array.from({ length: fn.length }, (_, i) => marker(i));
  let out: Record<string, unknown>;
  try {
    out = fn(...args);
  } catch (err) {
    // Silently skipping it could leave a partition out of every export.
    throw new Error(
      `keys.${name} cannot be read with placeholder arguments (${(err as Error).message}); key builders take strings and numbers and only put them into keys`,
    );
  }
  return Object.fromEntries(
    Object.entries(out).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

export function keyLayout(): KeyBuilderLayout[] {
  return Object.entries(keys).map(([name, fn]) => {
    const params = paramNames(fn as AnyBuilder);
    const attributes = Object.fromEntries(
      Object.entries(probe(name, fn as AnyBuilder)).map(([attr, value]) => [
        attr,
        value.replace(markerPattern, (_, i: string) => `<${params[Number(i)] ?? `arg${i}`}>`),
      ]),
    );
    return { name, params, attributes };
  });
}

export interface PartitionTemplate {
  /** The builders whose items live in this partition. */
  builders: string[];
  /** `pk` with `<hospitalId>` for the first argument. */
  template: string;
  /** The pk depends on more than the hospital (e.g. one partition per ticket). */
  perEntity: boolean;
}

/**
 * Every base-table partition a hospital's items can live in, as the builders of keys.ts make
 * them: those whose `pk` contains their first argument (the hospital id, tenant first).
 */
export function hospitalPartitionTemplates(): PartitionTemplate[] {
  const byTemplate = new Map<string, PartitionTemplate>();
  for (const [name, fn] of Object.entries(keys)) {
    const pk = probe(name, fn as AnyBuilder).pk;
    if (pk === undefined || !pk.includes(marker(0))) continue;
    const perEntity = [...pk.matchAll(markerPattern)].some((m) => m[1] !== '0');
    const template = pk.replace(markerPattern, (_, i: string) =>
      i === '0' ? '<hospitalId>' : `<arg${i}>`,
    );
    const found = byTemplate.get(template);
    if (found) found.builders.push(name);
    else byTemplate.set(template, { builders: [name], template, perEntity });
  }
  return [...byTemplate.values()].sort((a, b) => a.template.localeCompare(b.template));
}

/**
 * The partition keys of one hospital: its base partition, its audit partition and whatever later
 * builders add. Throws when a builder keys a partition by more than the hospital: such partitions
 * cannot be listed by Query alone, so the export would miss them silently.
 */
export function hospitalPartitions(hospitalId: string): string[] {
  const templates = hospitalPartitionTemplates();
  const perEntity = templates.filter((t) => t.perEntity);
  if (perEntity.length > 0)
    throw new Error(
      `keys ${perEntity.flatMap((t) => t.builders).join(', ')} make a partition per entity (${perEntity
        .map((t) => t.template)
        .join(', ')}); hospitalPartitions cannot list those with a Query, so teach it how`,
    );
  return templates.map((t) => t.template.replace('<hospitalId>', hospitalId));
}
