import { z } from 'zod';

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
