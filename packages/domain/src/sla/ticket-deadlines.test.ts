import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { severities, type ContractTerms } from '../contract.ts';
import { lateResponseDeduction } from '../deductions/deductions.ts';
import { hisOutpatient24mTemplate } from '../templates/his-outpatient-24m.ts';
import { contractFromTemplate } from '../templates/template.ts';
import { seedDemoContract } from '../test-fixtures.ts';
import { toEpochMs, toIsoInstant } from '../time/instant.ts';
import { ticketSla } from './sla-clocks.ts';
import { ticketDeadlines } from './ticket-deadlines.ts';
import type { SlaEvent } from './ticket-events.ts';

const terms = seedDemoContract();
const reportedAt = '2026-03-02T01:00:00Z';
const serious: SlaEvent = { id: 'e1', kind: 'reported', at: reportedAt, severity: 'serious' };
const minutesAfter = (m: number) => toIsoInstant(toEpochMs(reportedAt) + m * 60_000);

describe('the next deadline that costs money or breaks the SLA (扣款 / 超时)', () => {
  it('shows a serious fault the 60-minute late-response deduction before its 2-hour response target', () => {
    // Act: 41 minutes after the report, unanswered.
    const d = ticketDeadlines(terms, [serious], minutesAfter(41));
    // Assess
    expect(d.next).toMatchObject({
      kind: 'deduction',
      ruleId: 'late-response',
      name: '响应超时扣款',
      deadline: '2026-03-02T02:00:00.000Z',
      state: 'pending',
      whenPassed: { state: 'deducted', name: '已扣款', rateBp: 100, amountFen: 188_000 },
    });
    expect(d.deadlines.map((x) => [x.name, x.deadline])).toEqual([
      ['响应超时扣款', '2026-03-02T02:00:00.000Z'],
      ['响应时限', '2026-03-02T03:00:00.000Z'],
      ['解决时限', '2026-03-02T05:00:00.000Z'],
    ]);
  });

  it('turns the deduction at risk at minute 48 and passed in the first millisecond after minute 60', () => {
    const state = (iso: string) => ticketDeadlines(terms, [serious], iso).deadlines[0]?.state;
    expect(state(minutesAfter(47.999))).toBe('pending');
    expect(state(minutesAfter(48))).toBe('at-risk');
    expect(state(minutesAfter(60))).toBe('at-risk');
    expect(state(toIsoInstant(toEpochMs(minutesAfter(60)) + 1))).toBe('passed');
  });

  it('moves on to the 2-hour response target once the deduction has passed unanswered, the deduction shown as passed', () => {
    // Act
    const d = ticketDeadlines(terms, [serious], minutesAfter(61));
    // Assess
    expect(d.deadlines[0]).toMatchObject({ name: '响应超时扣款', state: 'passed' });
    expect(d.next).toMatchObject({
      kind: 'sla',
      clock: 'response',
      name: '响应时限',
      deadline: '2026-03-02T03:00:00.000Z',
      state: 'pending',
      whenPassed: { state: 'breached', name: '已超时' },
    });
  });

  it('keeps a response target that has passed as the next deadline while still unanswered', () => {
    const d = ticketDeadlines(terms, [serious], minutesAfter(125));
    expect(d.next).toMatchObject({ name: '响应时限', state: 'passed' });
  });

  it('names the deduction first where it falls on the same minute as the target (fatal: both at 1 hour)', () => {
    const fatal: SlaEvent = { kind: 'reported', at: reportedAt, severity: 'fatal' };
    const d = ticketDeadlines(terms, [fatal], minutesAfter(10));
    expect(d.deadlines.slice(0, 2).map((x) => x.name)).toEqual(['响应超时扣款', '响应时限']);
    expect(d.next?.name).toBe('响应超时扣款');
  });

  it('marks the deduction met after a response within the hour and goes on to the resolution', () => {
    const answered: SlaEvent = { id: 'e2', kind: 'responded', at: minutesAfter(50) };
    const d = ticketDeadlines(terms, [serious, answered], minutesAfter(70));
    expect(d.deadlines[0]).toMatchObject({ name: '响应超时扣款', state: 'met' });
    expect(d.next).toMatchObject({ name: '解决时限', deadline: '2026-03-02T05:00:00.000Z' });
  });

  it('uses the contract’s own threshold: 30 minutes in the HIS outpatient template', () => {
    const his = contractFromTemplate(hisOutpatient24mTemplate, { signedOn: '2026-01-05' });
    const d = ticketDeadlines(his, [serious], minutesAfter(5));
    expect(d.next).toMatchObject({ name: '响应超时扣款', deadline: minutesAfter(30) });
  });

  it('has no deduction deadline under a contract without a late-response rule', () => {
    const noRules: ContractTerms = { ...terms, deductionRules: [] };
    const d = ticketDeadlines(noRules, [serious], minutesAfter(41));
    expect(d.next).toMatchObject({ name: '响应时限', kind: 'sla' });
  });
});

/** A fault's SLA events: a report, severity changes, and maybe a response, a visit and a resolution. */
const eventsArb = fc
  .record({
    reportMs: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
    first: fc.constantFrom(...severities),
    changes: fc.array(
      fc.tuple(fc.integer({ min: 0, max: 6 * 3_600_000 }), fc.constantFrom(...severities)),
      { maxLength: 3 },
    ),
    responseAfter: fc.option(fc.integer({ min: 0, max: 6 * 3_600_000 })),
    onSiteAfter: fc.option(fc.integer({ min: 0, max: 6 * 3_600_000 })),
    resolvedAfter: fc.option(fc.integer({ min: 0, max: 12 * 3_600_000 })),
    askedAfter: fc.integer({ min: 0, max: 12 * 3_600_000 }),
  })
  .map((r) => {
    const events: SlaEvent[] = [
      { id: 'r', kind: 'reported', at: r.reportMs, severity: r.first },
      ...r.changes.map(([offset, severity]): SlaEvent => ({
        kind: 'severity-changed',
        at: r.reportMs + offset,
        severity,
      })),
    ];
    if (r.responseAfter !== null)
      events.push({ id: 'a', kind: 'responded', at: r.reportMs + r.responseAfter });
    if (r.onSiteAfter !== null)
      events.push({ kind: 'on-site-requested', at: r.reportMs + r.onSiteAfter });
    if (r.resolvedAfter !== null)
      events.push({ kind: 'resolved', at: r.reportMs + r.resolvedAfter });
    return { events, reportMs: r.reportMs, atMs: r.reportMs + r.askedAfter };
  });

const contractArb = fc.constantFrom(
  seedDemoContract(),
  contractFromTemplate(hisOutpatient24mTemplate, { signedOn: '2026-01-05' }),
  { ...seedDemoContract(), deductionRules: [] },
);

describe('the deadlines agree with the SLA clocks and the ledger', () => {
  it('carries every SLA clock with a deadline unchanged: same deadline, completion and state', () => {
    fc.assert(
      fc.property(contractArb, eventsArb, (c, { events, atMs }) => {
        const sla = ticketSla(c.slaTargets, events, atMs);
        const d = ticketDeadlines(c, events, atMs);
        for (const clock of sla.clocks.filter((x) => x.deadline !== null)) {
          const same = d.deadlines.find((x) => x.kind === 'sla' && x.clock === clock.kind);
          expect(same).toMatchObject({
            deadline: clock.deadline,
            completedAt: clock.completedAt,
            state: clock.state === 'breached' ? 'passed' : clock.state,
          });
        }
        expect(d.deadlines.filter((x) => x.kind === 'sla')).toHaveLength(
          sla.clocks.filter((x) => x.deadline !== null).length,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('never names a next deadline later than the SLA clocks’ next one, and the same one without deduction rules', () => {
    fc.assert(
      fc.property(contractArb, eventsArb, (c, { events, atMs }) => {
        const sla = ticketSla(c.slaTargets, events, atMs);
        const next = ticketDeadlines(c, events, atMs).next;
        if (sla.nextDeadline !== null) {
          expect(next).not.toBeNull();
          expect(toEpochMs(next!.deadline)).toBeLessThanOrEqual(toEpochMs(sla.nextDeadline));
        }
        if (c.deductionRules.length === 0) expect(next?.deadline ?? null).toBe(sla.nextDeadline);
      }),
      { numRuns: 300 },
    );
  });

  it('shows the deduction deadline passed exactly when the ledger books the late response', () => {
    fc.assert(
      fc.property(contractArb, eventsArb, (c, { events, reportMs, atMs }) => {
        const sla = ticketSla(c.slaTargets, events, atMs);
        const responded = events.find((e) => e.kind === 'responded');
        const d = ticketDeadlines(c, events, atMs);
        for (const rule of c.deductionRules.filter((r) => r.trigger === 'late-response')) {
          const booked = lateResponseDeduction(
            c,
            rule,
            {
              ticketId: 'T',
              severity: sla.severity,
              subsystemId: 's1',
              reported: { eventId: 'r', at: reportMs },
              responded: responded ? { eventId: 'a', at: responded.at } : null,
              attribution: null,
            },
            atMs,
          );
          const deadline = d.deadlines.find((x) => x.ruleId === rule.id);
          const applies = rule.severity === null || rule.severity === sla.severity;
          expect(deadline === undefined).toBe(!applies);
          if (deadline) expect(deadline.state === 'passed').toBe(booked !== null);
          if (deadline && booked)
            expect(deadline.whenPassed).toMatchObject({ amountFen: booked.amountFen });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('lists the deadlines earliest first and names as next the earliest one still open', () => {
    fc.assert(
      fc.property(contractArb, eventsArb, (c, { events, atMs }) => {
        const d = ticketDeadlines(c, events, atMs);
        const ms = d.deadlines.map((x) => toEpochMs(x.deadline));
        expect(ms).toEqual([...ms].sort((a, b) => a - b));
        const open = d.deadlines.filter(
          (x) => x.completedAt === null && !(x.kind === 'deduction' && x.state === 'passed'),
        );
        expect(d.next).toEqual(open[0] ?? null);
      }),
      { numRuns: 300 },
    );
  });
});
