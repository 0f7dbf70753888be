import type { Severity, SlaTarget } from '../contract.ts';
import { minuteMs, toEpochMs, toIsoInstant, type Instant } from '../time/instant.ts';
import type { SlaEvent } from './ticket-events.ts';

export type SlaClockKind = 'response' | 'on-site' | 'resolution';
/** at-risk: 80% of the clock's time has passed and it is still open. */
export type SlaState = 'pending' | 'at-risk' | 'met' | 'breached';

/** When each clock falls due; null where no deadline is owed (yet). */
export interface SlaDeadlines {
  reportedAt: string;
  severity: Severity;
  response: string;
  /** Only once an on-site visit is needed and the severity has an on-site target. */
  onSite: string | null;
  /** null for a minor fault until triage sets the service-pack target time. */
  resolution: string | null;
}

export interface SlaClock {
  kind: SlaClockKind;
  /** Every clock starts at the written report time (自甲方向乙方发出书面报告错误之时起计). */
  startedAt: string;
  deadline: string | null;
  atRiskFrom: string | null;
  completedAt: string | null;
  /** The event that stopped the clock, when it carries an id. */
  completedByEventId: string | null;
  state: SlaState;
  /** From the report to completion, or to the instant asked about while open. */
  elapsedMs: number;
  /** Time left before the deadline (negative: late by); null without a deadline. */
  marginMs: number | null;
}

export interface TicketSla {
  at: string;
  reportedAt: string;
  severity: Severity;
  clocks: SlaClock[];
  /** Earliest deadline among open clocks: the vendor's queue sorts on it. */
  nextDeadline: string | null;
  /** Next instant a clock turns at-risk or breached: when a timer should fire. */
  nextChangeAt: string | null;
}

const atRiskNumerator = 4;
const atRiskDenominator = 5;

interface Facts {
  reportedMs: number;
  severity: Severity;
  responded: SlaEvent | null;
  onSiteNeeded: boolean;
  arrived: SlaEvent | null;
  resolutionTargetMs: number | null;
  resolved: SlaEvent | null;
}

function factsOf(events: readonly SlaEvent[]): Facts {
  const sorted = events
    .map((e, i) => ({ e, ms: toEpochMs(e.at), i }))
    .sort((a, b) => a.ms - b.ms || a.i - b.i);
  const report = sorted.find((x) => x.e.kind === 'reported');
  if (!report || report.e.kind !== 'reported') {
    throw new RangeError('a ticket’s SLA clocks need its report event');
  }
  const first = (kind: SlaEvent['kind']) => sorted.find((x) => x.e.kind === kind)?.e ?? null;
  let severity = report.e.severity;
  let resolutionTargetMs: number | null = null;
  for (const { e } of sorted) {
    if (e.kind === 'severity-changed') severity = e.severity;
    if (e.kind === 'resolution-target-set') resolutionTargetMs = toEpochMs(e.targetAt);
  }
  if (resolutionTargetMs !== null && resolutionTargetMs < report.ms) {
    throw new RangeError('the resolution target lies before the report');
  }
  const arrived = first('on-site-arrived');
  return {
    reportedMs: report.ms,
    severity,
    responded: first('responded'),
    onSiteNeeded: arrived !== null || first('on-site-requested') !== null,
    arrived,
    resolutionTargetMs,
    resolved: first('resolved'),
  };
}

function targetFor(targets: readonly SlaTarget[], severity: Severity): SlaTarget {
  const target = targets.find((t) => t.severity === severity);
  if (!target) throw new RangeError(`the contract has no SLA target for severity ${severity}`);
  return target;
}

function deadlinesMs(targets: readonly SlaTarget[], f: Facts) {
  const t = targetFor(targets, f.severity);
  const from = (minutes: number | null) =>
    minutes === null ? null : f.reportedMs + minutes * minuteMs;
  return {
    response: f.reportedMs + t.responseMinutes * minuteMs,
    onSite: f.onSiteNeeded ? from(t.onSiteMinutes) : null,
    resolution: t.resolutionMinutes !== null ? from(t.resolutionMinutes) : f.resolutionTargetMs,
  };
}

/**
 * Every deadline of a ticket from its events. A severity change re-plans all clocks from the
 * report time under the new severity's targets; wall-clock time, since support is 7×24.
 */
export function slaDeadlines(
  targets: readonly SlaTarget[],
  events: readonly SlaEvent[],
): SlaDeadlines {
  const f = factsOf(events);
  const d = deadlinesMs(targets, f);
  const iso = (ms: number | null) => (ms === null ? null : toIsoInstant(ms));
  return {
    reportedAt: toIsoInstant(f.reportedMs),
    severity: f.severity,
    response: toIsoInstant(d.response),
    onSite: iso(d.onSite),
    resolution: iso(d.resolution),
  };
}

function clock(
  kind: SlaClockKind,
  startMs: number,
  deadlineMs: number | null,
  completion: SlaEvent | null,
  atMs: number,
): SlaClock {
  const completedMs = completion ? toEpochMs(completion.at) : null;
  const endMs = completedMs ?? atMs;
  let atRiskMs: number | null = null;
  let state: SlaState;
  if (deadlineMs === null) {
    state = completedMs === null ? 'pending' : 'met';
  } else {
    // At risk from 80% of the clock's time, rounded up to the millisecond in integers.
    const scaled = (deadlineMs - startMs) * atRiskNumerator;
    const whole = (scaled - (scaled % atRiskDenominator)) / atRiskDenominator;
    atRiskMs = startMs + whole + (scaled % atRiskDenominator === 0 ? 0 : 1);
    if (completedMs !== null) state = completedMs <= deadlineMs ? 'met' : 'breached';
    else if (atMs > deadlineMs) state = 'breached';
    else state = atMs >= atRiskMs ? 'at-risk' : 'pending';
  }
  return {
    kind,
    startedAt: toIsoInstant(startMs),
    deadline: deadlineMs === null ? null : toIsoInstant(deadlineMs),
    atRiskFrom: atRiskMs === null ? null : toIsoInstant(atRiskMs),
    completedAt: completedMs === null ? null : toIsoInstant(completedMs),
    completedByEventId: completion?.id ?? null,
    state,
    elapsedMs: endMs - startMs,
    marginMs: deadlineMs === null ? null : deadlineMs - endMs,
  };
}

/**
 * The SLA clocks of a ticket as they stood at instant `at`: only events up to `at` count, so the
 * same call replays any moment of the ticket's history.
 */
export function ticketSla(
  targets: readonly SlaTarget[],
  events: readonly SlaEvent[],
  at: Instant,
): TicketSla {
  const atMs = toEpochMs(at);
  const f = factsOf(events.filter((e) => toEpochMs(e.at) <= atMs));
  const d = deadlinesMs(targets, f);
  const clocks = [clock('response', f.reportedMs, d.response, f.responded, atMs)];
  if (f.onSiteNeeded && d.onSite !== null) {
    clocks.push(clock('on-site', f.reportedMs, d.onSite, f.arrived, atMs));
  }
  clocks.push(clock('resolution', f.reportedMs, d.resolution, f.resolved, atMs));

  const open = clocks.filter((c) => c.completedAt === null && c.deadline !== null);
  const deadlines = open.map((c) => toEpochMs(c.deadline as string));
  const changes = open.flatMap((c) => {
    const risk = toEpochMs(c.atRiskFrom as string);
    const due = toEpochMs(c.deadline as string);
    // A clock turns breached the first millisecond after its deadline.
    return [risk, due + 1].filter((ms) => ms > atMs);
  });
  const earliest = (ms: number[]) => (ms.length ? toIsoInstant(Math.min(...ms)) : null);
  return {
    at: toIsoInstant(atMs),
    reportedAt: toIsoInstant(f.reportedMs),
    severity: f.severity,
    clocks,
    nextDeadline: earliest(deadlines),
    nextChangeAt: earliest(changes),
  };
}
