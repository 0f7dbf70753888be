/** Small statistics helpers for the benchmarks. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[at] as number;
}

export const median = (values: number[]) => quantile(values, 0.5);

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** measured / limit, or null when the limit is zero or unknown. */
export function ratio(measured: number, limit: number): number | null {
  return Number.isFinite(measured) && Number.isFinite(limit) && limit > 0
    ? round(measured / limit, 2)
    : null;
}
