import type { ContractTerms, DeductionRule } from '../contract.ts';
import { deductionAmount, deductionBaseFen } from '../deductions/deductions.ts';
import { minuteMs, toEpochMs, toIsoInstant, type Instant } from '../time/instant.ts';
import { ticketSla, type SlaClock, type SlaClockKind } from './sla-clocks.ts';
import type { SlaEvent } from './ticket-events.ts';
import { dueAfterPauses, pauseIntervalsOf, type PauseInterval } from './sla-pause.ts';

/**
 * One deadline of a ticket that matters to someone: an SLA target (breaking it is 超时) or the
 * threshold of a deduction rule (passing it books 扣款). The default contract keeps them apart: a
 * serious fault has 2 hours to respond, but a response after 60 minutes already deducts 1%.
 */
export interface TicketDeadline {
  kind: 'sla' | 'deduction';
  /** The clock it rides on: a late-response deduction rides on the response. */
  clock: SlaClockKind;
  /** The deduction rule; null for an SLA target. */
  ruleId: string | null;
  /** 响应超时扣款, 响应时限, 上门时限, 解决时限. */
  name: string;
  /** The last instant that is still on time; late from the next millisecond. */
  deadline: string;
  /** 80% of the time from the report, as for the SLA clocks. */
  atRiskFrom: string;
  /** When the clock it rides on stopped (the response, arrival or resolution); null while open. */
  completedAt: string | null;
  /** passed: late, whether the clock is still open or stopped after the deadline. */
  state: 'pending' | 'at-risk' | 'met' | 'passed';
  /** 暂停计时 is running: the deadline moves with it, so it is no one's next deadline meanwhile. */
  paused: boolean;
  /** What the ticket is once the deadline has passed. */
  whenPassed:
    | { state: 'deducted'; name: string; rateBp: number; amountFen: number | null }
    | { state: 'breached'; name: string };
}

export interface TicketDeadlines {
  at: string;
  /**
   * The next deadline that costs money or breaks the SLA, whichever comes first: the earliest
   * deadline still open. A deduction once passed is booked and no longer open; an SLA target once
   * passed stays open (late, still owed) until its clock stops. On a tie the deduction comes first.
   */
  next: TicketDeadline | null;
  /** Every deadline with a time, earliest first (a deduction before an SLA target at the same instant). */
  deadlines: TicketDeadline[];
}

/** The Chinese names people read on the ticket and in the queue. */
export const deadlineNames: Record<SlaClockKind, string> = {
  response: '响应时限',
  'on-site': '上门时限',
  resolution: '解决时限',
};
export const lateResponseDeductionName = '响应超时扣款';

type Terms = Pick<ContractTerms, 'slaTargets' | 'deductionRules' | 'totalFen' | 'subsystems'>;

function slaDeadline(c: SlaClock): TicketDeadline | null {
  if (c.deadline === null || c.atRiskFrom === null) return null;
  return {
    kind: 'sla',
    clock: c.kind,
    ruleId: null,
    name: deadlineNames[c.kind],
    deadline: c.deadline,
    atRiskFrom: c.atRiskFrom,
    completedAt: c.completedAt,
    state: c.state === 'breached' ? 'passed' : c.state,
    paused: c.paused,
    whenPassed: { state: 'breached', name: '已超时' },
  };
}

function amountOf(terms: Terms, rule: DeductionRule, subsystemId: string | null): number | null {
  if (rule.base === 'subsystem-amount' && !terms.subsystems.some((s) => s.id === subsystemId))
    return null;
  return deductionAmount(deductionBaseFen(terms, rule, subsystemId), rule).amountFen;
}

/**
 * 响应问题及处理问题时间大于1小时一次，则扣减1%合同款: the deadline of each late-response rule that
 * applies to the ticket's severity, on the same terms as `lateResponseDeduction` books it.
 */
function deductionDeadline(
  terms: Terms,
  rule: DeductionRule,
  response: SlaClock,
  atMs: number,
  subsystemId: string | null,
  pauses: readonly PauseInterval[],
): TicketDeadline | null {
  if (rule.trigger !== 'late-response' || rule.thresholdMinutes === null) return null;
  const startMs = toEpochMs(response.startedAt);
  const doneMs = response.completedAt === null ? null : toEpochMs(response.completedAt);
  const budgetMs = rule.thresholdMinutes * minuteMs;
  // Paused time moves the threshold as it moves the SLA clocks (暂停计时, where allowed).
  const due = dueAfterPauses(startMs, budgetMs, pauses, doneMs, atMs);
  const deadlineMs = due.dueMs;
  const atRiskMs = dueAfterPauses(
    startMs,
    Math.ceil((budgetMs * 4) / 5),
    pauses,
    doneMs,
    atMs,
  ).dueMs;
  let state: TicketDeadline['state'];
  if (doneMs !== null) state = doneMs <= deadlineMs ? 'met' : 'passed';
  else if (atMs > deadlineMs) state = 'passed';
  else state = atMs >= atRiskMs ? 'at-risk' : 'pending';
  return {
    kind: 'deduction',
    clock: 'response',
    ruleId: rule.id,
    name: lateResponseDeductionName,
    deadline: toIsoInstant(deadlineMs),
    atRiskFrom: toIsoInstant(atRiskMs),
    completedAt: response.completedAt,
    state,
    paused: due.paused,
    whenPassed: {
      state: 'deducted',
      name: '已扣款',
      rateBp: rule.rateBp,
      amountFen: amountOf(terms, rule, subsystemId),
    },
  };
}

const isOpen = (d: TicketDeadline) =>
  d.completedAt === null && !d.paused && !(d.kind === 'deduction' && d.state === 'passed');

const earliestFirst = (a: TicketDeadline, b: TicketDeadline) =>
  toEpochMs(a.deadline) - toEpochMs(b.deadline) ||
  (a.kind === b.kind ? 0 : a.kind === 'deduction' ? -1 : 1);

/**
 * The deadlines of a ticket as they stood at instant `at`, from the same events as its SLA clocks
 * (`ticketSla`) and the contract's deduction rules: one clock for the targets and the money.
 */
export function ticketDeadlines(
  terms: Terms,
  events: readonly SlaEvent[],
  at: Instant,
  subsystemId: string | null = null,
): TicketDeadlines {
  const atMs = toEpochMs(at);
  const sla = ticketSla(terms.slaTargets, events, atMs);
  const response = sla.clocks.find((c) => c.kind === 'response');
  const pauses = pauseIntervalsOf(events.filter((e) => toEpochMs(e.at) <= atMs));
  const money = response
    ? terms.deductionRules
        .filter((r) => r.severity === null || r.severity === sla.severity)
        .map((r) => deductionDeadline(terms, r, response, atMs, subsystemId, pauses))
    : [];
  const deadlines = [...sla.clocks.map(slaDeadline), ...money]
    .filter((d): d is TicketDeadline => d !== null)
    .sort(earliestFirst);
  return { at: sla.at, next: deadlines.find(isOpen) ?? null, deadlines };
}
