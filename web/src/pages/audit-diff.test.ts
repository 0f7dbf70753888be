import { describe, expect, it } from 'vitest';
import { changedPaths } from './audit-diff.ts';

describe('what an audit record changed', () => {
  it('names each changed leaf, by index inside arrays', () => {
    const before = { version: 1, terms: { name: 'A', contacts: [{ email: 'a@x' }] } };
    const after = {
      version: 2,
      terms: { name: 'B', contacts: [{ email: 'a@x' }, { email: 'b@x' }] },
    };
    expect(changedPaths(before, after)).toEqual(['version', 'terms.name', 'terms.contacts.1']);
  });

  it('says nothing changed for equal documents, and the root for a creation', () => {
    expect(changedPaths({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([]);
    expect(changedPaths(null, { a: 1 })).toEqual(['(root)']);
  });
});
