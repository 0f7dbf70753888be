import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonical JSON of what is signed', () => {
  it('gives the same text whatever order the fields were built in', () => {
    // Act / Assess
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}',
    );
  });

  it('leaves out undefined members and refuses numbers JSON cannot hold', () => {
    expect(canonicalJson({ a: undefined, b: '评价' })).toBe('{"b":"评价"}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(RangeError);
  });

  it('parses back to the same value for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 300 },
    );
  });
});
