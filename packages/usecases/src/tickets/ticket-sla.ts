import {
  deductionsFor,
  dueAfterPauses,
  pauseIntervalsOf,
  ticketDeadlines,
  ticketSla,
  toEpochMs,
  toIsoInstant,
  slaTimelineEventTypes,
  type AdvanceNotice,
  type ContractTerms,
  type DeductibleTicket,
  type DeductionEntry,
  type Severity,
  type SlaEvent,
  type TicketDeadlines,
  type TicketSla,
} from '@weibao/domain';
import type { SlaEventType, SlaLogEntry, TicketEventRecord, TicketRecord } from '@weibao/store';

/** A timeline event, or its entry in the ticket's SLA log: what the clocks are worked out from. */
type SlaInput = Pick<TicketEventRecord, 'seq' | 'type' | 'at' | 'data'>;
import type { SlaTimerPoint } from '../ports.ts';

/** Event ids in ledger entries and timers: ticket id and timeline position. */
export const eventId = (ticketId: string, seq: number) => `${ticketId}#${seq}`;

/** The SLA clocks run for fault reports (故障报告); other kinds carry no SLA in the contract. */
export const hasSla = (t: Pick<TicketRecord, 'kind'>) => t.kind === 'fault';

/** The short SLA log of a timeline: only what `slaTimelineEventTypes` names, with only the data it uses. */
export function slaLogOf(events: readonly TicketEventRecord[]): SlaLogEntry[] {
  const isSla = (e: TicketEventRecord): e is TicketEventRecord & { type: SlaEventType } =>
    (slaTimelineEventTypes as readonly string[]).includes(e.type);
  return events.filter(isSla).map((e) => ({
    seq: e.seq,
    type: e.type,
    at: e.at,
    data:
      e.type === 'created' || e.type === 'severity-change'
        ? { severity: e.data.severity }
        : e.type === 'resolution-target'
          ? { targetAt: e.data.targetAt }
          : {},
  }));
}

/** The timeline events that move SLA clocks, in the rules' terms. */
export function slaEventsOf(ticket: TicketRecord, events: readonly SlaInput[]): SlaEvent[] {
  const out: SlaEvent[] = [];
  for (const e of events) {
    const id = eventId(ticket.id, e.seq);
    switch (e.type) {
      case 'created':
        out.push({
          id,
          at: ticket.reportedAt,
          kind: 'reported',
          severity: e.data.severity as Severity,
        });
        break;
      case 'severity-change':
        out.push({ id, at: e.at, kind: 'severity-changed', severity: e.data.severity as Severity });
        break;
      case 'response':
        out.push({ id, at: e.at, kind: 'responded' });
        break;
      case 'on-site-request':
        out.push({ id, at: e.at, kind: 'on-site-requested' });
        break;
      case 'on-site-arrival':
        out.push({ id, at: e.at, kind: 'on-site-arrived' });
        break;
      case 'resolution-target':
        out.push({
          id,
          at: e.at,
          kind: 'resolution-target-set',
          targetAt: e.data.targetAt as string,
        });
        break;
      case 'resolution':
        out.push({ id, at: e.at, kind: 'resolved' });
        break;
      case 'pause':
        out.push({ id, at: e.at, kind: 'paused' });
        break;
      case 'resume':
        out.push({ id, at: e.at, kind: 'resumed' });
        break;
      case 'pause-objection':
        out.push({ id, at: e.at, kind: 'resumed', objected: true });
        break;
      default:
        break;
    }
  }
  return out;
}

/** What the deduction rules need to know of a ticket. */
export function deductibleOf(ticket: TicketRecord, events: readonly SlaInput[]): DeductibleTicket {
  const created = events.find((e) => e.type === 'created');
  const response = events.find((e) => e.type === 'response');
  const pauses = pauseIntervalsOf(slaEventsOf(ticket, events));
  return {
    ...(pauses.length ? { pauses } : {}),
    ticketId: ticket.id,
    severity: ticket.severity,
    subsystemId: ticket.subsystemId,
    reported: { eventId: eventId(ticket.id, created?.seq ?? 1), at: ticket.reportedAt },
    responded: response ? { eventId: eventId(ticket.id, response.seq), at: response.at } : null,
    attribution: ticket.attribution
      ? {
          eventId: eventId(ticket.id, ticket.attribution.eventSeq),
          decidedAt: ticket.attribution.decidedAt,
          cause: ticket.attribution.cause,
          subsystemId: ticket.attribution.subsystemId,
          advanceNoticeId: ticket.attribution.advanceNoticeId,
        }
      : null,
  };
}

export interface SlaEvaluation {
  sla: TicketSla | null;
  /** The SLA targets and the deduction thresholds on one clock, the next one that costs first. */
  deadlines: TicketDeadlines | null;
  /** SLA points reached and not yet on the record, e.g. "response:breach". */
  newMarks: { clock: SlaTimerPoint['clock']; point: 'at-risk' | 'breach'; deadline: string }[];
  /** Deductions due and not yet booked. */
  newDeductions: DeductionEntry[];
  /** Timers the ticket needs from now on: SLA points and deduction thresholds still ahead. */
  timerPoints: SlaTimerPoint[];
}

/** Scheduler at() has whole seconds; a point is never scheduled before it is due. */
const ceilSecond = (ms: number) => toIsoInstant(Math.ceil(ms / 1000) * 1000);

/**
 * Where a ticket stands at `now`: what has become due (marks and deductions to record) and
 * which timers must wait for what has not. Pure: the caller reads and writes.
 */
export function evaluateTicket(
  ticket: TicketRecord,
  events: readonly SlaInput[],
  terms: ContractTerms,
  notices: readonly AdvanceNotice[],
  now: Date,
): SlaEvaluation {
  if (!hasSla(ticket) || ticket.deletedAt)
    return { sla: null, deadlines: null, newMarks: [], newDeductions: [], timerPoints: [] };
  const nowMs = now.getTime();
  const slaEvents = slaEventsOf(ticket, events);
  const sla = ticketSla(terms.slaTargets, slaEvents, nowMs);
  const deadlines = ticketDeadlines(terms, slaEvents, nowMs, ticket.subsystemId);
  const marks = new Set(ticket.slaMarks);
  const newMarks: SlaEvaluation['newMarks'] = [];
  const timerPoints: SlaTimerPoint[] = [];
  for (const c of sla.clocks) {
    if (c.deadline === null) continue;
    const breachKey = `${c.kind}:breach`;
    const riskKey = `${c.kind}:at-risk`;
    if (c.state === 'breached' && !marks.has(breachKey))
      newMarks.push({ clock: c.kind, point: 'breach', deadline: c.deadline });
    // A clock that went straight to breached warns once, as breached, not twice.
    if (c.state === 'at-risk' && !marks.has(riskKey))
      newMarks.push({ clock: c.kind, point: 'at-risk', deadline: c.deadline });
    // A paused clock plans no timer: its deadline moves until the resume re-plans it.
    if (c.completedAt !== null || c.paused) continue;
    const deadlineMs = toEpochMs(c.deadline);
    if (c.atRiskFrom !== null && c.state === 'pending' && !marks.has(riskKey)) {
      timerPoints.push({
        clock: c.kind,
        point: 'at-risk',
        at: ceilSecond(toEpochMs(c.atRiskFrom)),
      });
    }
    // Breached is "later than the deadline": the first whole second after it.
    if (c.state !== 'breached')
      timerPoints.push({ clock: c.kind, point: 'breach', at: ceilSecond(deadlineMs + 1) });
  }

  const booked = new Set(ticket.deductionIds);
  const deductible = deductibleOf(ticket, events);
  const newDeductions = deductionsFor(terms, [deductible], notices, nowMs).filter(
    (d) => !booked.has(d.id),
  );
  // A late-response threshold (e.g. 60 minutes, any severity) may fall before the SLA deadline.
  // Paused time moves it as it moves the clocks; while paused, no timer (the resume re-plans).
  if (!deductible.responded) {
    for (const rule of terms.deductionRules) {
      if (rule.trigger !== 'late-response' || rule.thresholdMinutes === null) continue;
      if (rule.severity !== null && rule.severity !== ticket.severity) continue;
      if (booked.has(`${rule.id}:${ticket.id}`)) continue;
      const due = dueAfterPauses(
        toEpochMs(ticket.reportedAt),
        rule.thresholdMinutes * 60_000,
        deductible.pauses ?? [],
        null,
        nowMs,
      );
      const dueMs = due.dueMs + 1;
      if (!due.paused && dueMs > nowMs)
        timerPoints.push({ clock: 'response', point: 'deduction', at: ceilSecond(dueMs) });
    }
  }
  return { sla, deadlines, newMarks, newDeductions, timerPoints: dedupePoints(timerPoints) };
}

function dedupePoints(points: SlaTimerPoint[]): SlaTimerPoint[] {
  const seen = new Map<string, SlaTimerPoint>();
  for (const p of points) seen.set(`${p.clock}:${p.point}`, p);
  return [...seen.values()];
}
