import type { Severity } from '../contract.ts';
import type { Instant } from '../time/instant.ts';

/**
 * The events of a ticket that move its SLA clocks. `id` links a deduction back to the event
 * that caused it.
 */
export type SlaEvent = { id?: string; at: Instant } & (
  | { kind: 'reported'; severity: Severity }
  /** Triage or later review changes the severity; the clocks re-plan from the report time. */
  | { kind: 'severity-changed'; severity: Severity }
  /** 响应: the first human answer from the vendor; an automatic acknowledgement is not one. */
  | { kind: 'responded' }
  /** 上门服务 becomes necessary (紧急情况下). */
  | { kind: 'on-site-requested' }
  | { kind: 'on-site-arrived' }
  /** For a severity without fixed resolution minutes (一般错误: 以Service Pack修正), set at triage. */
  | { kind: 'resolution-target-set'; targetAt: Instant }
  | { kind: 'resolved' }
);
