/** One figure of the benchmark report: what was measured, against which limit, and why. */
export interface Figure {
  /** The case it belongs to, e.g. 'bundles'. */
  case: string;
  /** What is measured, e.g. 'tickets/get-ticket: cold import'. */
  name: string;
  measured: number | null;
  /** The physical limit measured in the same run on the same machine (or computed from it). */
  limit: number | null;
  unit: string;
  /** measured / limit; 1 is the limit itself. Null while the figure is pending. */
  ratio: number | null;
  /** What the limit is and what keeps the figure from it. */
  note: string;
}

/** What a case hands back: its figures and any details worth keeping in results.json. */
export interface CaseResult {
  figures: Figure[];
  details?: Record<string, unknown>;
  wallMs?: number;
}
