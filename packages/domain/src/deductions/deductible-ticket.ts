import type { Severity } from '../contract.ts';
import type { Instant } from '../time/instant.ts';
import type { PauseInterval } from '../sla/sla-pause.ts';

/** The post-incident review's finding on who caused a fault (事后分析). */
export interface FaultAttribution {
  /** The review event on the ticket. */
  eventId: string;
  decidedAt: Instant;
  cause: 'vendor' | 'hospital' | 'third-party' | 'unknown';
  /** The subsystem the fault hit (its amount is the base of 扣罚子系统合同金额). */
  subsystemId: string;
  /** The advance notice the fault was traced to, if any. */
  advanceNoticeId: string | null;
}

/** What the deduction rules need to know about one fault report (故障报告). */
export interface DeductibleTicket {
  ticketId: string;
  severity: Severity;
  subsystemId: string | null;
  reported: { eventId: string; at: Instant };
  /** 响应: the first human answer; null while none. */
  responded: { eventId: string; at: Instant } | null;
  attribution: FaultAttribution | null;
  /** 暂停计时 on the ticket (only where the contract allows it): moves the late-response threshold. */
  pauses?: readonly PauseInterval[];
}
