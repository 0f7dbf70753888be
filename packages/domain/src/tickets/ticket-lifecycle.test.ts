import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTicketEvent, type LifecycleEvent, type LifecycleTicket } from './ticket-lifecycle.ts';

const reportedAt = '2026-03-02T01:00:00.000Z';
const reportedMs = Date.parse(reportedAt);
const hour = 3_600_000;

function newTicket(): LifecycleTicket {
  return {
    reportedAt,
    status: 'new',
    severity: 'serious',
    severityConfirmed: false,
    respondedAt: null,
    onSiteRequestedAt: null,
    onSiteAt: null,
    resolvedAt: null,
    closedAt: null,
    resolutionTargetAt: null,
    assignee: null,
    attribution: null,
    lastEventSeq: 1,
    version: 1,
  };
}

/** An event and the minute after the report it is posted at; `at` may lie anywhere around it. */
const engineer = { sub: 'u-eng', email: 'engineer@vendor.example', name: '李强' };
const atOffset = fc.option(fc.integer({ min: -2 * hour, max: 48 * hour }), { nil: undefined });
const iso = (offset: number | undefined) =>
  offset === undefined ? undefined : new Date(reportedMs + offset).toISOString();
const events: fc.Arbitrary<LifecycleEvent> = fc.oneof(
  fc.constant({ type: 'comment' as const }),
  atOffset.map((o) => ({ type: 'response' as const, at: iso(o) })),
  fc.constant({ type: 'on-site-request' as const }),
  atOffset.map((o) => ({ type: 'on-site-arrival' as const, at: iso(o) })),
  atOffset.map((o) => ({ type: 'resolution' as const, at: iso(o) })),
  fc
    .integer({ min: -hour, max: 72 * hour })
    .map((o) => ({ type: 'resolution-target' as const, targetAt: iso(o) as string })),
  fc
    .constantFrom('fatal' as const, 'serious' as const, 'minor' as const)
    .map((severity) => ({ type: 'severity-change' as const, severity })),
  fc.constant({ type: 'assignment' as const, assignee: engineer }),
  fc
    .constantFrom('vendor' as const, 'hospital' as const)
    .map((cause) => ({ type: 'attribution' as const, cause, subsystemId: 's1' })),
  fc.constant({ type: 'close' as const }),
  fc.constant({ type: 'reopen' as const }),
  fc.constant({ type: 'linked-report' as const }),
);
/** A run: events each posted some minutes after the one before. */
const runs = fc.array(fc.tuple(events, fc.integer({ min: 0, max: 6 * hour })), {
  maxLength: 30,
});

const order = ['new', 'responded', 'on-site', 'resolved', 'closed'] as const;

/** Replays a run, checking what must hold after every event, applied or refused. */
function replay(
  run: [LifecycleEvent, number][],
  check: (
    before: LifecycleTicket,
    event: LifecycleEvent,
    result: ReturnType<typeof applyTicketEvent<LifecycleTicket>>,
    now: Date,
  ) => void,
): LifecycleTicket {
  let ticket = newTicket();
  let nowMs = reportedMs + 60_000;
  for (const [event, gap] of run) {
    nowMs += gap;
    const now = new Date(nowMs);
    const frozen = structuredClone(ticket);
    const result = applyTicketEvent(ticket, event, now);
    expect(ticket).toEqual(frozen);
    check(ticket, event, result, now);
    if (!('refused' in result)) ticket = result.ticket;
  }
  return ticket;
}

describe('the ticket lifecycle (one event at a time)', () => {
  it('never changes the ticket it is given, moves version and event sequence by exactly one per applied event, and nothing on a refusal', () => {
    fc.assert(
      fc.property(runs, (run) => {
        replay(run, (before, _event, result) => {
          if ('refused' in result) return;
          expect(result.ticket.version).toBe(before.version + 1);
          expect(result.ticket.lastEventSeq).toBe(before.lastEventSeq + 1);
        });
      }),
    );
  });

  it('keeps the first response and arrival times once recorded, and moves the status backwards only by a reopen', () => {
    fc.assert(
      fc.property(runs, (run) => {
        replay(run, (before, event, result) => {
          if ('refused' in result) return;
          const after = result.ticket;
          if (before.respondedAt !== null) expect(after.respondedAt).toBe(before.respondedAt);
          if (before.onSiteAt !== null) expect(after.onSiteAt).toBe(before.onSiteAt);
          if (before.onSiteRequestedAt !== null)
            expect(after.onSiteRequestedAt).toBe(before.onSiteRequestedAt);
          if (event.type !== 'reopen')
            expect(order.indexOf(after.status)).toBeGreaterThanOrEqual(
              // on-site after resolved is refused; a resolution from on-site or earlier is forward
              order.indexOf(before.status),
            );
        });
      }),
    );
  });

  it('keeps status and times in agreement: responded or later has a response time, on-site an arrival, resolved a resolution, closed both and a close', () => {
    fc.assert(
      fc.property(runs, (run) => {
        replay(run, (_before, _event, result) => {
          if ('refused' in result) return;
          const t = result.ticket;
          if (t.status !== 'new') expect(t.respondedAt).not.toBeNull();
          if (t.status === 'on-site') expect(t.onSiteAt).not.toBeNull();
          if (t.status === 'resolved') {
            expect(t.resolvedAt).not.toBeNull();
            expect(t.closedAt).toBeNull();
          }
          if (t.status === 'closed') {
            expect(t.resolvedAt).not.toBeNull();
            expect(t.closedAt).not.toBeNull();
          }
          if (t.status !== 'resolved' && t.status !== 'closed') expect(t.closedAt).toBeNull();
        });
      }),
    );
  });

  it('records every time between the report and now, and refuses one outside with the field it concerns', () => {
    fc.assert(
      fc.property(runs, (run) => {
        replay(run, (_before, event, result, now) => {
          const given = 'at' in event ? event.at : undefined;
          if ('refused' in result) {
            if (result.path === 'at') {
              const ms = Date.parse(given ?? '');
              expect(ms > now.getTime() || ms < reportedMs).toBe(true);
            }
            return;
          }
          const at = Date.parse(result.at);
          expect(at).toBeGreaterThanOrEqual(reportedMs);
          expect(at).toBeLessThanOrEqual(now.getTime());
          for (const field of ['respondedAt', 'onSiteAt', 'resolvedAt', 'closedAt'] as const) {
            const v = result.ticket[field];
            if (v !== null) expect(Date.parse(v)).toBeLessThanOrEqual(now.getTime());
          }
        });
      }),
    );
  });

  it('refuses on a closed ticket everything that moves its status except a reopen, and decides an attribution once', () => {
    fc.assert(
      fc.property(runs, (run) => {
        replay(run, (before, event, result) => {
          const moving = ['response', 'on-site-arrival', 'resolution', 'close'];
          // Refused for its state, or first for a time outside the report and now (as the
          // event route always checked the time first)
          if (before.status === 'closed' && moving.includes(event.type))
            expect(result).toMatchObject(
              'refused' in result && result.path === 'at'
                ? { kind: 'invalid', path: 'at' }
                : { kind: 'conflict', path: 'type' },
            );
          if (before.attribution !== null && event.type === 'attribution')
            expect(result).toMatchObject({ kind: 'conflict', path: 'type' });
        });
      }),
    );
  });

  it('is deterministic: the same ticket, event and time give the same result', () => {
    fc.assert(
      fc.property(runs, events, (run, event) => {
        const t = replay(run, () => undefined);
        const now = new Date(reportedMs + 100 * hour);
        expect(applyTicketEvent(t, event, now)).toEqual(applyTicketEvent(t, event, now));
      }),
    );
  });
});

describe('the ticket lifecycle, by example', () => {
  const now = new Date(reportedMs + 2 * hour);

  it('a phone response recorded later keeps the time it was given', () => {
    const r = applyTicketEvent(
      newTicket(),
      { type: 'response', at: new Date(reportedMs + 59 * 60_000).toISOString() },
      now,
    );
    expect(r).toMatchObject({
      ticket: { status: 'responded', respondedAt: '2026-03-02T01:59:00.000Z', version: 2 },
      at: '2026-03-02T01:59:00.000Z',
    });
  });

  it('a resolution without a response counts as the response too; reopening clears resolution and close only', () => {
    const resolved = applyTicketEvent(newTicket(), { type: 'resolution' }, now);
    if ('refused' in resolved) throw new Error(resolved.refused);
    expect(resolved.ticket).toMatchObject({
      status: 'resolved',
      respondedAt: now.toISOString(),
      resolvedAt: now.toISOString(),
    });
    const closed = applyTicketEvent(resolved.ticket, { type: 'close' }, now);
    if ('refused' in closed) throw new Error(closed.refused);
    const reopened = applyTicketEvent(closed.ticket, { type: 'reopen' }, now);
    expect(reopened).toMatchObject({
      ticket: {
        status: 'responded',
        respondedAt: now.toISOString(),
        resolvedAt: null,
        closedAt: null,
      },
    });
  });

  it('refuses to close a ticket that is not resolved, and a severity it has already confirmed', () => {
    expect(applyTicketEvent(newTicket(), { type: 'close' }, now)).toEqual({
      refused: 'only a resolved ticket can be closed',
      kind: 'conflict',
      path: 'type',
    });
    const confirmed = { ...newTicket(), severityConfirmed: true };
    expect(
      applyTicketEvent(confirmed, { type: 'severity-change', severity: 'serious' }, now),
    ).toMatchObject({ kind: 'invalid', path: 'severity' });
  });

  it('takes another report of the same fault while the ticket is open, changing nothing but version and sequence, and refuses it once resolved', () => {
    const open = newTicket();
    const joined = applyTicketEvent(open, { type: 'linked-report' }, now);
    expect(joined).toEqual({
      ticket: { ...open, version: 2, lastEventSeq: 2 },
      at: now.toISOString(),
    });
    const resolved = { ...open, status: 'resolved' as const, resolvedAt: reportedAt };
    expect(applyTicketEvent(resolved, { type: 'linked-report' }, now)).toMatchObject({
      kind: 'conflict',
      path: 'type',
    });
  });
});

describe('暂停计时 on the lifecycle', () => {
  const now = new Date(reportedMs + hour);
  const apply = (t: LifecycleTicket, type: 'pause' | 'resume' | 'pause-objection') =>
    applyTicketEvent(t, { type }, now);

  it('pauses an open ticket once, and a resume or an objection ends the pause', () => {
    // Act
    const paused = apply(newTicket(), 'pause');
    if ('refused' in paused) throw new Error(paused.refused);
    const again = apply(paused.ticket, 'pause');
    const resumed = apply(paused.ticket, 'resume');
    const objected = apply(paused.ticket, 'pause-objection');
    // Assess
    expect(paused.ticket.pausedAt).toBe(now.toISOString());
    expect(again).toMatchObject({ refused: '计时已在暂停中', kind: 'conflict' });
    expect('ticket' in resumed && resumed.ticket.pausedAt).toBeNull();
    expect('ticket' in objected && objected.ticket.pausedAt).toBeNull();
  });

  it('refuses a resume or an objection without a pause, and a pause of a resolved ticket', () => {
    // Prepare
    const resolved = { ...newTicket(), status: 'resolved' as const, resolvedAt: reportedAt };
    // Act / Assess
    expect(apply(newTicket(), 'resume')).toMatchObject({ refused: '计时没有暂停，无需恢复' });
    expect(apply(newTicket(), 'pause-objection')).toMatchObject({
      refused: '计时没有暂停，无可异议',
    });
    expect(apply(resolved, 'pause')).toMatchObject({
      refused: '该工单已解决或关闭，不能暂停计时',
      kind: 'conflict',
    });
  });

  it('a resolution ends a running pause', () => {
    const paused = apply(newTicket(), 'pause');
    if ('refused' in paused) throw new Error(paused.refused);
    const resolved = applyTicketEvent(paused.ticket, { type: 'resolution' }, now);
    expect('ticket' in resolved && resolved.ticket.pausedAt).toBeNull();
  });
});
