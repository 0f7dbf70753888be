import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedCpoeTemplate } from '../templates/seed-cpoe.ts';
import { seedDemoContract } from '../test-fixtures.ts';
import { severities } from '../contract.ts';
import { lateResponseDeduction } from '../deductions/deductions.ts';
import { toEpochMs } from '../time/instant.ts';
import { ticketSla } from './sla-clocks.ts';
import { ticketDeadlines } from './ticket-deadlines.ts';
import { dueAfterPauses, pauseIntervalsOf, pausedTimeZh, type PauseInterval } from './sla-pause.ts';
import type { SlaEvent } from './ticket-events.ts';

const targets = seedCpoeTemplate.slaTargets;
const terms = seedDemoContract();
const t0 = Date.parse('2026-03-02T01:00:00Z');
const min = 60_000;
const reported: SlaEvent = { id: 'e1', kind: 'reported', at: t0, severity: 'fatal' };
const response = (sla: ReturnType<typeof ticketSla>) =>
  sla.clocks.find((c) => c.kind === 'response');

describe('暂停计时: deadlines moved by paused time', () => {
  it('moves a fatal fault’s 1-hour response deadline by a 30-minute pause', () => {
    // Prepare: paused 20 minutes after the report, resumed 30 minutes later.
    const events: SlaEvent[] = [
      reported,
      { kind: 'paused', at: t0 + 20 * min },
      { kind: 'resumed', at: t0 + 50 * min },
    ];
    // Act
    const sla = ticketSla(targets, events, t0 + 60 * min);
    // Assess
    expect(response(sla)).toMatchObject({
      deadline: '2026-03-02T02:30:00.000Z',
      atRiskFrom: '2026-03-02T02:18:00.000Z',
      pausedMs: 30 * min,
      paused: false,
      state: 'pending',
    });
    expect(sla.nextChangeAt).toBe('2026-03-02T02:18:00.000Z');
  });

  it('never breaches while paused, and plans no timer until the resume', () => {
    // Prepare: paused at minute 50, still paused three hours after the report.
    const events: SlaEvent[] = [reported, { kind: 'paused', at: t0 + 50 * min }];
    // Act
    const sla = ticketSla(targets, events, t0 + 180 * min);
    // Assess
    expect(response(sla)).toMatchObject({ paused: true, pausedMs: 130 * min });
    expect(sla.clocks.every((c) => c.state !== 'breached')).toBe(true);
    expect(sla.nextChangeAt).toBeNull();
  });

  it('does not move a deadline that had passed, or a clock that had stopped, before the pause', () => {
    // Prepare: answered at minute 10, paused at minute 70 (after the response deadline).
    const events: SlaEvent[] = [
      reported,
      { kind: 'responded', at: t0 + 10 * min },
      { kind: 'paused', at: t0 + 70 * min },
      { kind: 'resumed', at: t0 + 100 * min },
    ];
    // Act
    const sla = ticketSla(targets, events, t0 + 110 * min);
    // Assess: the response clock stopped before the pause; resolution (2 h) moved by 30 minutes.
    expect(response(sla)).toMatchObject({ pausedMs: 0, deadline: '2026-03-02T02:00:00.000Z' });
    expect(sla.clocks.find((c) => c.kind === 'resolution')?.deadline).toBe(
      '2026-03-02T03:30:00.000Z',
    );
  });

  it('moves the late-response deduction threshold too, and its ledger basis names the paused time', () => {
    // Prepare: paused 1 h 20 min, answered at minute 130 (50 minutes of running time).
    const pauses: PauseInterval[] = [
      { fromMs: t0 + 10 * min, toMs: t0 + 90 * min, objected: false },
    ];
    const rule = terms.deductionRules.find((r) => r.trigger === 'late-response')!;
    const ticket = {
      ticketId: 't1',
      severity: 'fatal' as const,
      subsystemId: null,
      reported: { eventId: 't1#1', at: t0 },
      attribution: null,
      pauses,
    };
    // Act
    const onTime = lateResponseDeduction(
      terms,
      rule,
      { ...ticket, responded: { eventId: 't1#3', at: t0 + 130 * min } },
      t0 + 200 * min,
    );
    const late = lateResponseDeduction(terms, rule, { ...ticket, responded: null }, t0 + 200 * min);
    // Assess
    expect(onTime).toBeNull();
    expect(late?.occurredAt).toBe('2026-03-02T03:20:00.001Z');
    expect(late?.reason).toBe('报告后60分钟内未响应（暂停计时1小时20分不计）');
  });

  it('writes paused time as people read it', () => {
    expect(pausedTimeZh(80 * min)).toBe('1小时20分');
    expect(pausedTimeZh(45 * min + 59_999)).toBe('45分');
    expect(pausedTimeZh(120 * min)).toBe('2小时');
  });

  it('pairs pauses and resumes in time order, ignoring a resume without a pause', () => {
    expect(
      pauseIntervalsOf([
        reported,
        { kind: 'resumed', at: t0 + 1 },
        { kind: 'resumed', at: t0 + 30, objected: true },
        { kind: 'paused', at: t0 + 10 },
        { kind: 'paused', at: t0 + 40 },
      ]),
    ).toEqual([
      { fromMs: t0 + 10, toMs: t0 + 30, objected: true },
      { fromMs: t0 + 40, toMs: null, objected: false },
    ]);
  });
});

const intervals = fc
  .array(
    fc.tuple(fc.integer({ min: 0, max: 6 * 3_600_000 }), fc.integer({ min: 0, max: 3_600_000 })),
    {
      maxLength: 4,
    },
  )
  .map((xs) => {
    // Disjoint pauses in time order, as pauseIntervalsOf produces them.
    let at = t0;
    return xs.map(([gap, length]) => {
      const fromMs = at + gap;
      at = fromMs + length;
      return { fromMs, toMs: at, objected: false };
    });
  });

describe('暂停计时 properties', () => {
  it('without a pause, gives exactly today’s deadlines and states', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...severities),
        fc.integer({ min: 0, max: 8 * 3_600_000 }),
        fc.option(fc.integer({ min: 0, max: 8 * 3_600_000 })),
        (severity, atOffset, respondedOffset) => {
          const events: SlaEvent[] = [{ kind: 'reported', at: t0, severity }];
          if (respondedOffset !== null)
            events.push({ kind: 'responded', at: t0 + respondedOffset });
          const sla = ticketSla(targets, events, t0 + atOffset);
          const target = targets.find((t) => t.severity === severity)!;
          const r = response(sla)!;
          expect(toEpochMs(r.deadline!)).toBe(t0 + target.responseMinutes * min);
          expect(toEpochMs(r.atRiskFrom!)).toBe(
            t0 + Math.ceil((target.responseMinutes * min * 4) / 5),
          );
          expect(r.pausedMs).toBe(0);
          expect(r.paused).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never makes a deadline earlier, and moves it by no more than the paused time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 * 3_600_000 }),
        intervals,
        fc.option(fc.integer({ min: 0, max: 12 * 3_600_000 })),
        fc.integer({ min: 0, max: 30 * 3_600_000 }),
        (budgetMs, pauses, stopOffset, atOffset) => {
          const stopMs = stopOffset === null ? null : t0 + stopOffset;
          const due = dueAfterPauses(t0, budgetMs, pauses, stopMs, t0 + atOffset);
          const total = pauses.reduce((s, p) => s + (p.toMs! - p.fromMs), 0);
          expect(due.dueMs).toBeGreaterThanOrEqual(t0 + budgetMs);
          expect(due.pausedMs).toBeLessThanOrEqual(total);
          expect(due.dueMs).toBe(t0 + budgetMs + due.pausedMs);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a later pause or a longer one never makes a ticket’s deadlines earlier', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...severities),
        intervals,
        fc.integer({ min: 0, max: 3_600_000 }),
        fc.integer({ min: 0, max: 30 * 3_600_000 }),
        (severity, pauses, extra, atOffset) => {
          const at = t0 + atOffset;
          const events = (ps: PauseInterval[]): SlaEvent[] => [
            { kind: 'reported', at: t0, severity },
            ...ps.flatMap((p): SlaEvent[] => [
              { kind: 'paused', at: p.fromMs },
              { kind: 'resumed', at: p.toMs! },
            ]),
          ];
          const longer = pauses.map((p, i) =>
            i === pauses.length - 1 ? { ...p, toMs: p.toMs! + extra } : p,
          );
          const base = ticketDeadlines(terms, events([]), at).deadlines;
          const a = ticketDeadlines(terms, events(pauses), at).deadlines;
          const b = ticketDeadlines(terms, events(longer), at).deadlines;
          const key = (d: (typeof a)[number]) => `${d.kind}:${d.clock}:${d.ruleId}`;
          for (const d of a) {
            const without = base.find((x) => key(x) === key(d))!;
            const more = b.find((x) => key(x) === key(d))!;
            expect(toEpochMs(d.deadline)).toBeGreaterThanOrEqual(toEpochMs(without.deadline));
            expect(toEpochMs(more.deadline)).toBeGreaterThanOrEqual(toEpochMs(d.deadline));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
