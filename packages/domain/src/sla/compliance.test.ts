import { describe, expect, it } from 'vitest';
import { compliantBp } from './compliance.ts';

describe('compliantBp', () => {
  it('is null without faults, and rounds down', () => {
    expect(compliantBp({ faults: 0, breached: 0 })).toBeNull();
    expect(compliantBp({ faults: 4, breached: 0 })).toBe(10_000);
    expect(compliantBp({ faults: 3, breached: 1 })).toBe(6_666);
    expect(compliantBp({ faults: 3, breached: 3 })).toBe(0);
  });
});
