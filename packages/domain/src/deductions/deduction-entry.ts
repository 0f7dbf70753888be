import type { DeductionRule, Severity } from '../contract.ts';

/** One deduction (扣款) in the contract's ledger, naming the ticket, event and rule that caused it. */
export interface DeductionEntry {
  /** One entry per rule and ticket, so booking twice (at-least-once delivery) changes nothing. */
  id: string;
  ruleId: string;
  trigger: DeductionRule['trigger'];
  ticketId: string;
  /** The ticket event that caused the entry: the late response, the report, or the review. */
  eventId: string;
  severity: Severity;
  subsystemId: string | null;
  /** The ticket's report time: an entry belongs to the quarter its fault was reported in. */
  reportedAt: string;
  /** When the deduction became due. */
  occurredAt: string;
  baseFen: number;
  rateBp: number;
  amountFen: number;
  /** True when the rule's cap cut the amount. */
  capped: boolean;
  /** Why, in the contract's words. */
  reason: string;
  sourceText: string;
}
