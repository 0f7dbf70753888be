import * as z from 'zod';

/** Money is integer fen (1 CNY = 100 fen); never a float. */
export const fenSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** A rate in integer basis points: 100 bp = 1%, 10000 bp = 100%. */
export const basisPointsSchema = z.number().int().min(0).max(10_000);

/** Formats fen as CNY for people, e.g. 18800000 → "188,000.00". */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

export { wholeBp } from './basis-points.ts';

/**
 * A rate of a base, rounded half up to the fen once (四舍五入到分). Integer arithmetic in BigInt,
 * so a base near 2^53 times a rate cannot lose precision.
 */
export function fenAtRate(baseFen: number, rateBp: number): number {
  if (!Number.isSafeInteger(baseFen) || baseFen < 0) {
    throw new RangeError(`base must be a non-negative integer of fen, got ${baseFen}`);
  }
  if (!Number.isSafeInteger(rateBp) || rateBp < 0) {
    throw new RangeError(`rate must be a non-negative integer of basis points, got ${rateBp}`);
  }
  return Number((BigInt(baseFen) * BigInt(rateBp) + 5000n) / 10_000n);
}
