import { describe, expect, it } from 'vitest';
import { exportLine, hospitalOfPartition, parseExportLine } from './hospital-export.ts';
import { hospitalPartitionTemplates, hospitalPartitions, keyLayout } from './key-layout.ts';
import { keys } from './keys.ts';

describe('the key layout, read off the keys module', () => {
  it('lists the base and audit partitions of a hospital, each under H#<hospitalId>', () => {
    const partitions = hospitalPartitions('whzx');
    expect(partitions).toEqual(expect.arrayContaining(['H#whzx', 'H#whzx#AUDIT']));
    for (const pk of partitions) expect(pk).toMatch(/^H#whzx(#|$)/);
  });

  it('has no partition keyed by more than the hospital, which an export by Query would miss', () => {
    const perEntity = hospitalPartitionTemplates().filter((t) => t.perEntity);
    expect(
      perEntity,
      'a key builder makes one partition per entity: teach hospitalPartitions to list them',
    ).toEqual([]);
  });

  it('starts every hospital key with H#<hospitalId>, so IAM LeadingKeys isolation stays possible', () => {
    for (const builder of keyLayout()) {
      const pk = builder.attributes.pk;
      if (pk === undefined || !builder.params.includes('hospitalId')) continue;
      expect(pk, builder.name).toMatch(/^H#<hospitalId>(#|$)/);
      expect(builder.params[0], `${builder.name} takes the hospital first`).toBe('hospitalId');
    }
  });

  it('names each builder’s parameters in the keys it shows', () => {
    const contract = keyLayout().find((b) => b.name === 'contract');
    expect(contract).toEqual({
      name: 'contract',
      params: ['hospitalId', 'contractId'],
      attributes: { pk: 'H#<hospitalId>', sk: 'CONTRACT#<contractId>' },
    });
    expect(keyLayout().map((b) => b.name)).toEqual(Object.keys(keys));
  });

  it('finds the hospital of a partition key, and none for a key outside every hospital', () => {
    expect(hospitalOfPartition('H#whzx#AUDIT')).toBe('whzx');
    expect(hospitalOfPartition('H#whzx#ELSEWHERE')).toBeUndefined();
    expect(hospitalOfPartition('HOSPITALS')).toBeUndefined();
  });
});

describe('an export line', () => {
  it('gives the same bytes whatever order attributes and set members come in, and reads back the same', () => {
    // Prepare
    const item = {
      pk: { S: 'H#whzx' },
      sk: { S: 'X' },
      n: { N: '1.5' },
      blob: { B: Uint8Array.from([0, 1, 2, 255]) },
      tags: { SS: ['b', 'a'] },
      m: { M: { z: { NULL: true as const }, a: { L: [{ BOOL: false }, { S: '中文' }] } } },
    };
    const shuffled = Object.fromEntries(Object.entries(item).reverse());
    // Act
    const line = exportLine(item);
    // Assess
    expect(exportLine({ ...shuffled, tags: { SS: ['a', 'b'] } })).toBe(line);
    expect(exportLine(parseExportLine(line))).toBe(line);
    expect(line.startsWith('{"Item":{"blob":{"B":"AAEC/w=="}')).toBe(true);
  });

  it('refuses a line that is not an item with its keys', () => {
    expect(() => parseExportLine('{"Item":{"pk":{"S":"H#a"}}}', 3)).toThrow(/line 3/);
    expect(() => parseExportLine('{"Item":{"pk":{"S":"H#a","N":"1"},"sk":{"S":"x"}}}')).toThrow(
      /exactly one type/,
    );
    expect(() => parseExportLine('nope')).toThrow(/not JSON/);
  });
});
