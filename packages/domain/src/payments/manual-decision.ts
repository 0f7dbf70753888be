/**
 * 按监理和审计出具报告执行: when an evaluation was unqualified, the amount of a milestone follows
 * the supervisor's and auditor's report, recorded here and used instead of the computed amount.
 */
export interface ManualDecision {
  amountFen: number;
  decidedOn: string;
  /** The report it follows, e.g. its number and the units that signed it. */
  reportReference: string;
}
