import { describe, expect, it } from 'vitest';
import { mapBounded } from './bounded-map.ts';

describe('mapBounded', () => {
  it('keeps the input order and never has more than the limit in flight', async () => {
    // Prepare
    let inFlight = 0;
    let most = 0;
    const items = Array.from({ length: 50 }, (_, i) => i);

    // Act
    const out = await mapBounded(items, 8, async (i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((done) => setTimeout(done, (i * 7) % 5));
      inFlight--;
      return i * 2;
    });

    // Assess
    expect(out).toEqual(items.map((i) => i * 2));
    expect(most).toBe(8);
  });

  it('passes a failure on', async () => {
    await expect(
      mapBounded([1, 2, 3], 2, async (i) => {
        if (i === 2) throw new Error('boom');
        return i;
      }),
    ).rejects.toThrow('boom');
  });
});
