import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { severities } from '../contract.ts';
import { seedCpoeTemplate } from '../templates/seed-cpoe.ts';
import { toEpochMs } from '../time/instant.ts';
import { slaDeadlines, ticketSla } from './sla-clocks.ts';
import type { SlaEvent } from './ticket-events.ts';

const targets = seedCpoeTemplate.slaTargets;
const reported: SlaEvent = {
  id: 'e1',
  kind: 'reported',
  at: '2026-03-02T01:00:00Z',
  severity: 'fatal',
};

const clock = (sla: ReturnType<typeof ticketSla>, kind: string) =>
  sla.clocks.find((c) => c.kind === kind);

describe('SLA clocks of a fault report (响应 / 上门服务 / 解决)', () => {
  it('plans a fatal fault: response in 1 hour, resolution in 2 hours, from the written report time', () => {
    // Act
    const d = slaDeadlines(targets, [reported]);
    // Assess
    expect(d).toEqual({
      reportedAt: '2026-03-02T01:00:00.000Z',
      severity: 'fatal',
      response: '2026-03-02T02:00:00.000Z',
      onSite: null,
      resolution: '2026-03-02T03:00:00.000Z',
    });
  });

  it('turns a clock at risk once 80% of its time has passed, and breached only after the deadline', () => {
    // Prepare: the response clock runs 60 minutes, so at risk from minute 48.
    const at = (iso: string) => clock(ticketSla(targets, [reported], iso), 'response')?.state;
    // Act / Assess
    expect(at('2026-03-02T01:47:59.999Z')).toBe('pending');
    expect(at('2026-03-02T01:48:00Z')).toBe('at-risk');
    expect(at('2026-03-02T02:00:00Z')).toBe('at-risk');
    expect(at('2026-03-02T02:00:00.001Z')).toBe('breached');
  });

  it('counts a response exactly on the deadline as met and one a minute late as breached', () => {
    // Prepare
    const onTime = [reported, { id: 'e2', kind: 'responded', at: '2026-03-02T02:00:00Z' } as const];
    const late = [reported, { id: 'e2', kind: 'responded', at: '2026-03-02T02:01:00Z' } as const];
    // Act
    const met = clock(ticketSla(targets, onTime, '2026-03-02T05:00:00Z'), 'response');
    const breached = clock(ticketSla(targets, late, '2026-03-02T05:00:00Z'), 'response');
    // Assess
    expect(met).toMatchObject({
      state: 'met',
      elapsedMs: 3_600_000,
      marginMs: 0,
      completedByEventId: 'e2',
    });
    expect(breached).toMatchObject({ state: 'breached', elapsedMs: 3_660_000, marginMs: -60_000 });
  });

  it('re-plans every clock from the report time when triage raises the severity', () => {
    // Prepare: reported minor (4 h to respond), raised to fatal half an hour later.
    const events: SlaEvent[] = [
      { kind: 'reported', at: '2026-03-02T01:00:00Z', severity: 'minor' },
      { kind: 'severity-changed', at: '2026-03-02T01:30:00Z', severity: 'fatal' },
    ];
    // Act
    const before = slaDeadlines(targets, events.slice(0, 1));
    const after = slaDeadlines(targets, events);
    // Assess
    expect(before.response).toBe('2026-03-02T05:00:00.000Z');
    expect(after.response).toBe('2026-03-02T02:00:00.000Z');
    expect(after.resolution).toBe('2026-03-02T03:00:00.000Z');
  });

  it('gives a minor fault no resolution deadline until triage sets the service-pack target', () => {
    // Prepare
    const minor: SlaEvent = { kind: 'reported', at: '2026-03-02T01:00:00Z', severity: 'minor' };
    const target: SlaEvent = {
      kind: 'resolution-target-set',
      at: '2026-03-02T03:00:00Z',
      targetAt: '2026-03-20T10:00:00Z',
    };
    // Act
    const untriaged = ticketSla(targets, [minor], '2026-03-02T02:00:00Z');
    const triaged = ticketSla(targets, [minor, target], '2026-03-02T04:00:00Z');
    // Assess
    expect(clock(untriaged, 'resolution')).toMatchObject({ deadline: null, state: 'pending' });
    expect(clock(triaged, 'resolution')?.deadline).toBe('2026-03-20T10:00:00.000Z');
  });

  it('runs an on-site clock only once a visit is needed, for a severity that has one', () => {
    // Prepare
    const requested: SlaEvent = { kind: 'on-site-requested', at: '2026-03-02T01:10:00Z' };
    const arrived: SlaEvent = { id: 'e9', kind: 'on-site-arrived', at: '2026-03-02T02:50:00Z' };
    // Act
    const without = ticketSla(targets, [reported], '2026-03-02T01:20:00Z');
    const visit = ticketSla(targets, [reported, requested, arrived], '2026-03-02T04:00:00Z');
    // Assess
    expect(clock(without, 'on-site')).toBeUndefined();
    expect(clock(visit, 'on-site')).toMatchObject({
      deadline: '2026-03-02T03:00:00.000Z',
      state: 'met',
      completedByEventId: 'e9',
    });
  });

  it('replays a past instant: events after it do not count', () => {
    // Prepare
    const events: SlaEvent[] = [reported, { kind: 'responded', at: '2026-03-02T01:30:00Z' }];
    // Act
    const earlier = ticketSla(targets, events, '2026-03-02T01:20:00Z');
    // Assess
    expect(clock(earlier, 'response')).toMatchObject({
      state: 'pending',
      completedAt: null,
      elapsedMs: 1_200_000,
    });
  });

  it('names the next deadline and the next moment a clock changes state, for the queue and the timers', () => {
    // Act
    const sla = ticketSla(targets, [reported], '2026-03-02T01:10:00Z');
    // Assess
    expect(sla.nextDeadline).toBe('2026-03-02T02:00:00.000Z');
    expect(sla.nextChangeAt).toBe('2026-03-02T01:48:00.000Z');
  });

  it('never plans a deadline before the report, whatever the severity changes', () => {
    const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) });
    fc.assert(
      fc.property(
        instant,
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 86_400_000 }), fc.constantFrom(...severities)),
          {
            maxLength: 4,
          },
        ),
        fc.constantFrom(...severities),
        fc.option(fc.integer({ min: 0, max: 30 * 86_400_000 })),
        (reportMs, changes, first, targetOffset) => {
          const events: SlaEvent[] = [
            { kind: 'reported', at: reportMs, severity: first },
            ...changes.map(([offset, severity]): SlaEvent => ({
              kind: 'severity-changed',
              at: reportMs + offset,
              severity,
            })),
          ];
          if (targetOffset !== null) {
            events.push({
              kind: 'resolution-target-set',
              at: reportMs,
              targetAt: reportMs + targetOffset,
            });
          }
          const d = slaDeadlines(targets, events);
          for (const deadline of [d.response, d.onSite, d.resolution]) {
            if (deadline !== null) expect(toEpochMs(deadline)).toBeGreaterThanOrEqual(reportMs);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
