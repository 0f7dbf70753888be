import type { Severity } from '../contract.ts';
import type { Instant } from '../time/instant.ts';

/**
 * The timeline event types (as stored and as the API names them) that move a ticket's SLA clocks
 * or a deduction: what a ticket's SLA log keeps.
 */
export const slaTimelineEventTypes = [
  'created',
  'severity-change',
  'response',
  'on-site-request',
  'on-site-arrival',
  'resolution-target',
  'resolution',
  /** 暂停计时 / 恢复计时 / 院方异议: only on contracts that allow pausing (slaPause). */
  'pause',
  'resume',
  'pause-objection',
] as const;
export type SlaTimelineEventType = (typeof slaTimelineEventTypes)[number];

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
  /** 暂停计时: the engineer waits on the hospital or a third party; the clocks stop until resumed. */
  | { kind: 'paused' }
  /** 恢复计时, by the engineer, or by the hospital's objection (异议) to the pause. */
  | { kind: 'resumed'; objected?: boolean }
);
