import type { ContractTerms, DeductionRule } from '../contract.ts';
import { fenAtRate } from '../money.ts';
import { minuteMs, toEpochMs, toIsoInstant, type Instant } from '../time/instant.ts';
import { noticeExcusesFault, type AdvanceNotice } from './advance-notice.ts';
import type { DeductibleTicket } from './deductible-ticket.ts';
import type { DeductionEntry } from './deduction-entry.ts';
import { dueAfterPauses, pausedTimeZh, pausesAsOf } from '../sla/sla-pause.ts';

type Terms = Pick<ContractTerms, 'totalFen' | 'subsystems' | 'deductionRules'>;

/** The base a rule's rate applies to: 合同款 (the total) or 子系统合同金额. */
export function deductionBaseFen(
  terms: Pick<ContractTerms, 'totalFen' | 'subsystems'>,
  rule: Pick<DeductionRule, 'id' | 'base'>,
  subsystemId: string | null,
): number {
  if (rule.base === 'contract-total') return terms.totalFen;
  const subsystem = terms.subsystems.find((s) => s.id === subsystemId);
  if (!subsystem) {
    throw new RangeError(
      `rule ${rule.id} deducts from a subsystem amount, but the ticket names ${subsystemId ? `unknown subsystem ${subsystemId}` : 'no subsystem'}`,
    );
  }
  return subsystem.amountFen;
}

/** Rate of the base, rounded half up once, then held to the rule's cap. */
export function deductionAmount(
  baseFen: number,
  rule: Pick<DeductionRule, 'rateBp' | 'capFen'>,
): { amountFen: number; capped: boolean } {
  const raw = fenAtRate(baseFen, rule.rateBp);
  if (rule.capFen !== null && raw > rule.capFen) return { amountFen: rule.capFen, capped: true };
  return { amountFen: raw, capped: false };
}

function entry(
  terms: Terms,
  rule: DeductionRule,
  ticket: DeductibleTicket,
  cause: { eventId: string; occurredMs: number; subsystemId: string | null; reason: string },
): DeductionEntry {
  const baseFen = deductionBaseFen(terms, rule, cause.subsystemId);
  return {
    id: `${rule.id}:${ticket.ticketId}`,
    ruleId: rule.id,
    trigger: rule.trigger,
    ticketId: ticket.ticketId,
    eventId: cause.eventId,
    severity: ticket.severity,
    subsystemId: cause.subsystemId,
    reportedAt: toIsoInstant(toEpochMs(ticket.reported.at)),
    occurredAt: toIsoInstant(cause.occurredMs),
    baseFen,
    rateBp: rule.rateBp,
    ...deductionAmount(baseFen, rule),
    reason: cause.reason,
    sourceText: rule.sourceText,
  };
}

const appliesTo = (rule: DeductionRule, ticket: DeductibleTicket) =>
  rule.severity === null || rule.severity === ticket.severity;

/**
 * 响应问题及处理问题时间大于1小时一次，则扣减1%合同款，按次数累计: a response more than the
 * threshold after the report books one entry per ticket. A ticket still unanswered once the
 * threshold has passed books it too, linked to the report event.
 */
export function lateResponseDeduction(
  terms: Terms,
  rule: DeductionRule,
  ticket: DeductibleTicket,
  asOf: Instant,
): DeductionEntry | null {
  if (rule.trigger !== 'late-response' || !appliesTo(rule, ticket)) return null;
  if (rule.thresholdMinutes === null) {
    throw new RangeError(`late-response rule ${rule.id} needs thresholdMinutes`);
  }
  const reportedMs = toEpochMs(ticket.reported.at);
  const asOfMs = toEpochMs(asOf);
  const response = ticket.responded;
  const answered = response !== null && toEpochMs(response.at) <= asOfMs;
  // 暂停计时 (where the contract allows it) moves the threshold by the paused time before it.
  const due = dueAfterPauses(
    reportedMs,
    rule.thresholdMinutes * minuteMs,
    pausesAsOf(ticket.pauses ?? [], asOfMs),
    answered ? toEpochMs(response.at) : null,
    asOfMs,
  );
  const lateFromMs = due.dueMs + 1;
  const paused = due.pausedMs > 0 ? `（暂停计时${pausedTimeZh(due.pausedMs)}不计）` : '';
  if (answered) {
    const respondedMs = toEpochMs(response.at);
    if (respondedMs < lateFromMs) return null;
    const minutes = Math.floor((respondedMs - reportedMs - due.pausedMs) / minuteMs);
    return entry(terms, rule, ticket, {
      eventId: response.eventId,
      occurredMs: respondedMs,
      subsystemId: ticket.subsystemId,
      reason: `响应用时${minutes}分钟，大于${rule.thresholdMinutes}分钟${paused}`,
    });
  }
  if (due.paused || asOfMs < lateFromMs) return null;
  return entry(terms, rule, ticket, {
    eventId: ticket.reported.eventId,
    occurredMs: lateFromMs,
    subsystemId: ticket.subsystemId,
    reason: `报告后${rule.thresholdMinutes}分钟内未响应${paused}`,
  });
}

/**
 * 因乙方未提前通知导致甲方系统故障: a fault the post-incident review put on the vendor, not traced
 * to an advance notice the hospital acknowledged before the fault, books the rule for its severity.
 */
export function vendorFaultDeduction(
  terms: Terms,
  rule: DeductionRule,
  ticket: DeductibleTicket,
  notices: readonly AdvanceNotice[],
  asOf: Instant,
): DeductionEntry | null {
  const a = ticket.attribution;
  if (rule.trigger !== 'vendor-fault-without-notice' || !appliesTo(rule, ticket)) return null;
  if (!a || a.cause !== 'vendor' || toEpochMs(a.decidedAt) > toEpochMs(asOf)) return null;
  if (a.advanceNoticeId !== null) {
    const notice = notices.find((n) => n.id === a.advanceNoticeId);
    if (!notice) throw new RangeError(`advance notice ${a.advanceNoticeId} is not in the register`);
    if (
      noticeExcusesFault(notice, { subsystemId: a.subsystemId, reportedAt: ticket.reported.at })
    ) {
      return null;
    }
  }
  return entry(terms, rule, ticket, {
    eventId: a.eventId,
    occurredMs: toEpochMs(a.decidedAt),
    subsystemId: a.subsystemId,
    reason:
      a.advanceNoticeId === null
        ? '乙方原因故障，未提前通知'
        : '乙方原因故障，提前通知未经甲方确认',
  });
}

/** Every deduction the contract's rules book for these tickets, as of an instant. */
export function deductionsFor(
  terms: Terms,
  tickets: readonly DeductibleTicket[],
  notices: readonly AdvanceNotice[],
  asOf: Instant,
): DeductionEntry[] {
  return tickets.flatMap((ticket) =>
    terms.deductionRules.flatMap((rule) => {
      const e =
        rule.trigger === 'late-response'
          ? lateResponseDeduction(terms, rule, ticket, asOf)
          : vendorFaultDeduction(terms, rule, ticket, notices, asOf);
      return e ? [e] : [];
    }),
  );
}

export function sumFen(entries: readonly { amountFen: number }[]): number {
  return entries.reduce((sum, e) => sum + e.amountFen, 0);
}
