import type { Severity, SlaTarget } from '../contract.ts';
import { minuteMs, toEpochMs, toIsoInstant, type Instant } from '../time/instant.ts';
import type { SlaEvent } from './ticket-events.ts';
import { dueAfterPauses, pauseIntervalsOf, type PauseInterval } from './sla-pause.ts';

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
  /** Paused time that moved the deadline (暂停计时); 0 on a contract without pausing. */
  pausedMs: number;
  /** A pause is running: the deadline keeps moving and the clock cannot breach. */
  paused: boolean;
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
  pauses: PauseInterval[];
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
    pauses: pauseIntervalsOf(events),
  };
}

function targetFor(targets: readonly SlaTarget[], severity: Severity): SlaTarget {
  const target = targets.find((t) => t.severity === severity);
  if (!target) throw new RangeError(`the contract has no SLA target for severity ${severity}`);
  return target;
}

/** Each clock's running time owed from the report (before any pause); null where none is owed. */
function budgetsMs(targets: readonly SlaTarget[], f: Facts) {
  const t = targetFor(targets, f.severity);
  const of = (minutes: number | null) => (minutes === null ? null : minutes * minuteMs);
  return {
    response: t.responseMinutes * minuteMs,
    onSite: f.onSiteNeeded ? of(t.onSiteMinutes) : null,
    resolution:
      t.resolutionMinutes !== null
        ? of(t.resolutionMinutes)
        : f.resolutionTargetMs === null
          ? null
          : f.resolutionTargetMs - f.reportedMs,
  };
}

const stopOf = (e: SlaEvent | null) => (e ? toEpochMs(e.at) : null);

/** The deadlines as they stand at `atMs`: the report time plus each budget plus the pauses before it. */
function deadlinesMs(targets: readonly SlaTarget[], f: Facts, atMs: number) {
  const b = budgetsMs(targets, f);
  const due = (budget: number | null, stop: SlaEvent | null) =>
    budget === null
      ? null
      : dueAfterPauses(f.reportedMs, budget, f.pauses, stopOf(stop), atMs).dueMs;
  return {
    response: due(b.response, f.responded) as number,
    onSite: due(b.onSite, f.arrived),
    resolution: due(b.resolution, f.resolved),
  };
}

/**
 * Every deadline of a ticket from its events. A severity change re-plans all clocks from the
 * report time under the new severity's targets; wall-clock time, since support is 7×24. Paused
 * time (暂停计时, only where the contract allows it) moves each deadline by its length; a pause
 * still running counts up to `at` (default: the latest event).
 */
export function slaDeadlines(
  targets: readonly SlaTarget[],
  events: readonly SlaEvent[],
  at?: Instant,
): SlaDeadlines {
  const f = factsOf(events);
  const atMs = at === undefined ? Math.max(...events.map((e) => toEpochMs(e.at))) : toEpochMs(at);
  const d = deadlinesMs(targets, f, atMs);
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
  budgetMs: number | null,
  completion: SlaEvent | null,
  atMs: number,
  pauses: readonly PauseInterval[],
): SlaClock {
  const completedMs = completion ? toEpochMs(completion.at) : null;
  const endMs = completedMs ?? atMs;
  let atRiskMs: number | null = null;
  let deadlineMs: number | null = null;
  let pausedMs = 0;
  let paused = false;
  let state: SlaState;
  if (budgetMs === null) {
    state = completedMs === null ? 'pending' : 'met';
  } else {
    const due = dueAfterPauses(startMs, budgetMs, pauses, completedMs, atMs);
    ({ dueMs: deadlineMs, pausedMs, paused } = due);
    // At risk from 80% of the clock's running time, rounded up to the millisecond in integers.
    const scaled = budgetMs * atRiskNumerator;
    const whole = (scaled - (scaled % atRiskDenominator)) / atRiskDenominator;
    const riskBudget = whole + (scaled % atRiskDenominator === 0 ? 0 : 1);
    atRiskMs = dueAfterPauses(startMs, riskBudget, pauses, completedMs, atMs).dueMs;
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
    pausedMs,
    paused,
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
  const b = budgetsMs(targets, f);
  const p = f.pauses;
  const clocks = [clock('response', f.reportedMs, b.response, f.responded, atMs, p)];
  if (f.onSiteNeeded && b.onSite !== null) {
    clocks.push(clock('on-site', f.reportedMs, b.onSite, f.arrived, atMs, p));
  }
  clocks.push(clock('resolution', f.reportedMs, b.resolution, f.resolved, atMs, p));

  // A paused clock has no next change: its deadline moves with the pause (re-planned on resume).
  const open = clocks.filter((c) => c.completedAt === null && c.deadline !== null);
  const running = open.filter((c) => !c.paused);
  const deadlines = open.map((c) => toEpochMs(c.deadline as string));
  const changes = running.flatMap((c) => {
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
