import { wholeBp } from '../basis-points.ts';

/**
 * 达标率 of a quarter: the faults handled within their SLA points, in whole basis points of all
 * faults, rounded down (a rate never shown higher than it is); null for a quarter without faults.
 */
export function compliantBp(f: { faults: number; breached: number }): number | null {
  return f.faults === 0 ? null : Math.floor(((f.faults - f.breached) * wholeBp) / f.faults);
}
