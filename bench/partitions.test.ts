import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { hospitalPartitionsAtMost } from '@weibao/store/sharded-page';
import { repoRoot } from './cases/bundles.ts';
import {
  itemBytes,
  partitionLimit,
  partitionLoads,
  partitionTable,
  readUnits,
  vendorWide,
  writeUnits,
} from './partitions.ts';

const load = (hospitals: number, name: string) => {
  const l = partitionLoads(hospitals).find((p) => p.partition.startsWith(name));
  if (!l) throw new Error(`no partition ${name}`);
  return l;
};

describe('vendor-wide partitions', () => {
  test('units follow DynamoDB’s rules: 4 KB a read unit (half eventually consistent), 1 KB a write unit', () => {
    expect(readUnits(1)).toBe(0.5);
    expect(readUnits(4096)).toBe(0.5);
    expect(readUnits(4097)).toBe(1);
    expect(readUnits(4097, true)).toBe(2);
    expect(writeUnits(1024)).toBe(1);
    expect(writeUnits(1025)).toBe(2);
  });

  test('writes grow in proportion to the hospitals and stay far below a partition at 10,000', () => {
    for (const l of partitionLoads(10_000)) {
      expect(l.wcu, l.partition).toBeLessThan(partitionLimit.wcu * 0.05);
      const small = partitionLoads(100).find((p) => p.partition === l.partition);
      // one hospital's own partition takes that hospital's writes, whatever the hospitals
      if (l.partition.startsWith('H#')) expect(l.wcu).toBeCloseTo(small?.wcu ?? -1, 9);
      else if (l.partition !== 'DIGESTS') expect(l.wcu).toBeCloseTo((small?.wcu ?? 0) * 100, 6);
    }
  });

  test('an engineer limited to some hospitals reads their hospitals’ own partitions: a page and a read ahead, whatever the hospitals', () => {
    const readAhead = Math.ceil(vendorWide.pageItems / vendorWide.hospitalsPerEngineer) + 1;
    const view = vendorWide.pageItems + vendorWide.hospitalsPerEngineer * readAhead;
    for (const n of [50, 1_000, 10_000]) {
      expect(load(n, 'QUEUE').itemsPerView).toBe(view);
      expect(load(n, 'OBLIGATIONS_OPEN').itemsPerView).toBe(view);
    }
    // an engineer of more hospitals than the store merges reads the vendor-wide list, filtered
    const wide = { ...vendorWide, hospitalsPerEngineer: hospitalPartitionsAtMost + 1 };
    const queue = partitionLoads(10_000, undefined, wide).find((p) =>
      p.partition.startsWith('QUEUE'),
    );
    expect(queue?.itemsPerView).toBe(
      Math.ceil((vendorWide.pageItems * 10_000) / wide.hospitalsPerEngineer),
    );
    expect(load(10_000, 'HOSPITALS').itemsPerView).toBe(10_000);
  });

  test('what the model finds: at 1,000 hospitals every partition is below a fifth of its limits, at 10,000 below a third, the hospital searches the most', () => {
    for (const l of partitionLoads(1_000)) {
      expect(l.rcu, l.partition).toBeLessThan(partitionLimit.rcu / 5);
      expect(l.wcu, l.partition).toBeLessThan(partitionLimit.wcu / 5);
    }
    const at10k = partitionLoads(10_000);
    for (const l of at10k) {
      expect(l.rcu, l.partition).toBeLessThan(partitionLimit.rcu / 3);
      expect(l.wcu, l.partition).toBeLessThan(partitionLimit.wcu / 3);
    }
    const busiest = [...at10k].sort((a, b) => b.rcu - a.rcu)[0];
    expect(busiest?.partition).toBe('HOSPITALS');
    // The hospital list's reads are the searches: ten times as many searches, ten times the reads
    const often = {
      ...vendorWide,
      hospitalSearchesPerMinute: vendorWide.hospitalSearchesPerMinute * 10,
    };
    const hospitalsOften = partitionLoads(10_000, undefined, often).find(
      (l) => l.partition === 'HOSPITALS',
    );
    expect(hospitalsOften?.rcu).toBeCloseTo(busiest!.rcu * 10, 6);
  });

  test('the sizes are at least what the items of the model hold', () => {
    // a hospital page of 100 fits one Query's 1 MB; the intake address is one read unit
    expect(100 * itemBytes.hospital).toBeLessThan(1 << 20);
    expect(readUnits(itemBytes.intakeAddress, true)).toBe(1);
  });

  test('docs/performance.md holds the table this model writes', () => {
    const doc = readFileSync(join(repoRoot, 'docs/performance.md'), 'utf8');
    // Prettier pads the table's cells and rules: compare them trimmed.
    const cells = (md: string) =>
      md
        .split('\n')
        .map((line) =>
          line.startsWith('|')
            ? line
                .split('|')
                .map((c) => c.trim().replace(/^(:?)-{3,}(:?)$/, '$1---$2'))
                .join('|')
            : line,
        )
        .join('\n');
    expect(cells(doc)).toContain(cells(partitionTable([50, 1_000, 10_000])));
  });
});
