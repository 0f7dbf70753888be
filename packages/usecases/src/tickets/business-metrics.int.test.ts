import { ledgerOfContract, makeDb } from '@weibao/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTable } from '../../../../test/support/table.ts';
import { loadDemoData } from '../demo/load-demo-data.ts';
import type { Actor, BusinessMetrics, TicketDeps } from '../ports.ts';
import { makeCreateTicket } from './create-ticket.ts';
import { makeOnSlaTimer } from './on-sla-timer.ts';

/** A metrics port that remembers what it was told. */
function recordingMetrics() {
  const calls: unknown[][] = [];
  const port: BusinessMetrics = {
    ticketOpened: (t) => calls.push(['ticketOpened', t.channel, t.severity]),
    slaPoint: (point, clock) => calls.push(['slaPoint', point, clock]),
    deductionBooked: (fen) => calls.push(['deductionBooked', fen]),
  };
  return { port, calls };
}

// A Wednesday, 10:00 in Shanghai: a working day, inside service hours.
let nowMs = Date.parse('2026-11-25T02:00:00.000Z');
let deps: TicketDeps;
let metrics: ReturnType<typeof recordingMetrics>;
const contractId = '01KAW00000000000000000WHZX';
const engineer: Actor = {
  sub: 'e',
  email: 'engineer@vendor.example',
  role: 'support-engineer',
  hospitalId: null,
};
const hospitalIt: Actor = {
  sub: 'h',
  email: 'it@whch.example',
  role: 'hospital-it',
  hospitalId: 'whzx',
};

beforeAll(async () => {
  const table = await createTestTable('business-metrics');
  let n = 0;
  metrics = recordingMetrics();
  deps = {
    db: makeDb(table.tableName, table.client),
    clock: { now: () => new Date(nowMs) },
    ids: {
      next: (atMs) => `01KB${String(atMs ?? nowMs).slice(-9)}${String(++n).padStart(13, '0')}`,
    },
    timers: { replace: async () => {}, apply: async () => {} },
    mailer: { send: async () => ({ messageId: 'm' }) },
    links: { ticket: () => 'http://127.0.0.1/t' },
    metrics: metrics.port,
  };
  await loadDemoData(deps);
});

const report = (severity: 'fatal' | 'serious' | 'minor', channel?: 'phone' | 'email') => ({
  kind: 'fault' as const,
  severity,
  ...(channel ? { channel } : {}),
  subsystemId: 's2',
  title: '住院医生站无法提交医嘱',
  description: '全院医嘱无法提交',
});

describe('business metrics of tickets', () => {
  it('counts a ticket opened on the web and one entered from an email, each with its channel and severity, once', async () => {
    // Prepare
    metrics.calls.length = 0;
    // Act
    await makeCreateTicket(deps)(hospitalIt, 'whzx', report('serious'), 'web-1');
    await makeCreateTicket(deps)(engineer, 'whzx', report('minor', 'email'));
    // A retried create (same Idempotency-Key) opens nothing new.
    await makeCreateTicket(deps)(hospitalIt, 'whzx', report('serious'), 'web-1');
    // Assess
    expect(metrics.calls).toEqual([
      ['ticketOpened', 'web', 'serious'],
      ['ticketOpened', 'email', 'minor'],
    ]);
  });

  it('counts the response breach the SLA timer records, and the deduction it books with its fen', async () => {
    // Prepare: a fatal fault reported by phone now, never answered
    const { ticket } = await makeCreateTicket(deps)(engineer, 'whzx', report('fatal', 'phone'));
    metrics.calls.length = 0;
    // Act: the timers fire three hours later, twice (the Scheduler may deliver twice)
    nowMs += 3 * 3_600_000;
    await makeOnSlaTimer(deps)({ hospitalId: 'whzx', ticketId: ticket.id });
    await makeOnSlaTimer(deps)({ hospitalId: 'whzx', ticketId: ticket.id });
    // Assess
    expect(metrics.calls).toContainEqual(['slaPoint', 'breach', 'response']);
    const booked = (await ledgerOfContract(deps.db, 'whzx', contractId)).items.filter(
      (e) => e.ticketId === ticket.id,
    );
    expect(booked.length).toBeGreaterThan(0);
    expect(metrics.calls.filter((c) => c[0] === 'deductionBooked')).toEqual(
      booked.map((e) => ['deductionBooked', e.amountFen]),
    );
    expect(booked.every((e) => Number.isInteger(e.amountFen) && e.amountFen > 0)).toBe(true);
    // The second firing found nothing new and counted nothing.
    const breaches = metrics.calls.filter((c) => c[0] === 'slaPoint' && c[1] === 'breach');
    expect(new Set(breaches.map((c) => c[2])).size).toBe(breaches.length);
  });
});
