import { describe, expect, it } from 'vitest';
import { en, zh } from './messages.ts';

/** Every key path of a message tree, functions and strings as leaves. */
function keyPaths(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keyPaths(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

describe('the texts of the web app', () => {
  it('has the same keys in Chinese and English, records of labels included', () => {
    expect(keyPaths(en).sort()).toEqual(keyPaths(zh).sort());
  });

  it('leaves no text empty', () => {
    const leaves = (tree: object): unknown[] =>
      Object.values(tree).flatMap((v) =>
        typeof v === 'object' && v !== null ? leaves(v as object) : [v],
      );
    for (const tree of [zh, en]) {
      expect(leaves(tree).filter((v) => typeof v === 'string' && v.trim() === '')).toEqual([]);
    }
  });
});
