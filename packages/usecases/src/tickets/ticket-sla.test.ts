import { contractFromTemplate, seedCpoeTemplate } from '@weibao/domain';
import type { TicketEventRecord, TicketRecord } from '@weibao/store';
import { describe, expect, it } from 'vitest';
import { evaluateTicket, slaLogOf } from './ticket-sla.ts';

const terms = contractFromTemplate(seedCpoeTemplate, {
  totalFen: 18_800_000,
  signedOn: '2026-01-05',
});
const reportedAt = '2026-11-25T02:00:00.000Z';

function ticket(overrides: Partial<TicketRecord> = {}): TicketRecord {
  return {
    id: '01KAW0000000000000000TICKT',
    hospitalId: 'whzx',
    contractId: '01KAW00000000000000000WHZX',
    number: 'WHZX-2026-00001',
    kind: 'fault',
    severity: 'fatal',
    severityConfirmed: true,
    channel: 'phone',
    subsystemId: 's1',
    title: '宕机',
    description: '',
    reporter: { name: '刘洋', email: null, phone: null, sub: null },
    reportedAt,
    assignee: null,
    status: 'new',
    respondedAt: null,
    onSiteRequestedAt: null,
    onSiteAt: null,
    resolvedAt: null,
    closedAt: null,
    resolutionTargetAt: null,
    attribution: null,
    nextDeadline: null,
    slaMarks: [],
    deductionIds: [],
    pendingEscalations: [],
    flags: [],
    lastEventSeq: 1,
    version: 1,
    createdAt: reportedAt,
    updatedAt: reportedAt,
    deletedAt: null,
    ...overrides,
  };
}
const created: TicketEventRecord = {
  hospitalId: 'whzx',
  ticketId: '01KAW0000000000000000TICKT',
  seq: 1,
  type: 'created',
  at: reportedAt,
  recordedAt: reportedAt,
  actor: null,
  visibility: 'public',
  data: { severity: 'fatal' },
};
const at = (minutes: number) => new Date(Date.parse(reportedAt) + minutes * 60_000);

describe('evaluating a fatal fault report', () => {
  it('warns at risk after 48 minutes and plans the breach one second after the 60-minute deadline', () => {
    const e = evaluateTicket(ticket(), [created], terms, [], at(50));
    expect(e.newMarks.map((m) => `${m.clock}:${m.point}`)).toEqual(['response:at-risk']);
    expect(e.newDeductions).toEqual([]);
    expect(e.timerPoints).toContainEqual({
      clock: 'response',
      point: 'breach',
      at: '2026-11-25T03:00:01.000Z',
    });
    expect(e.timerPoints).toContainEqual({
      clock: 'response',
      point: 'deduction',
      at: '2026-11-25T03:00:01.000Z',
    });
    expect(e.timerPoints).toContainEqual({
      clock: 'resolution',
      point: 'at-risk',
      at: '2026-11-25T03:36:00.000Z',
    });
  });

  it('records the breach and books 1% of the total (188000 fen) once the hour has passed unanswered', () => {
    const e = evaluateTicket(
      ticket({ slaMarks: ['response:at-risk'] }),
      [created],
      terms,
      [],
      at(61),
    );
    expect(e.newMarks.map((m) => `${m.clock}:${m.point}`)).toEqual(['response:breach']);
    expect(e.newDeductions.map((d) => [d.id, d.amountFen])).toEqual([
      ['late-response:01KAW0000000000000000TICKT', 188_000],
    ]);
    expect(e.timerPoints.some((p) => p.clock === 'response')).toBe(false);
  });

  it('books nothing again for what is on the record already', () => {
    const booked = ticket({
      slaMarks: ['response:at-risk', 'response:breach'],
      deductionIds: ['late-response:01KAW0000000000000000TICKT'],
    });
    const e = evaluateTicket(booked, [created], terms, [], at(70));
    expect(e.newMarks).toEqual([]);
    expect(e.newDeductions).toEqual([]);
  });

  it('plans nothing for the response clock once it is answered in time', () => {
    const response: TicketEventRecord = {
      ...created,
      seq: 2,
      type: 'response',
      at: at(59).toISOString(),
      data: {},
    };
    const e = evaluateTicket(
      ticket({ slaMarks: ['response:at-risk'] }),
      [created, response],
      terms,
      [],
      at(59),
    );
    expect(e.timerPoints.filter((p) => p.clock === 'response')).toEqual([]);
    expect(
      evaluateTicket(
        ticket({ slaMarks: ['response:at-risk'] }),
        [created, response],
        terms,
        [],
        at(90),
      ).newDeductions,
    ).toEqual([]);
  });

  it('runs no clock for a consultation', () => {
    expect(evaluateTicket(ticket({ kind: 'consultation' }), [created], terms, [], at(300))).toEqual(
      { sla: null, deadlines: null, newMarks: [], newDeductions: [], timerPoints: [] },
    );
  });
});

describe('evaluating a serious fault report against the money', () => {
  const serious = ticket({ severity: 'serious' });
  const reported = { ...created, data: { severity: 'serious' } };

  it('names the 60-minute late-response deduction as the next deadline before the 2-hour target', () => {
    const e = evaluateTicket(serious, [reported], terms, [], at(41));
    expect(e.sla?.nextDeadline).toBe('2026-11-25T04:00:00.000Z');
    expect(e.deadlines?.next).toMatchObject({
      name: '响应超时扣款',
      deadline: '2026-11-25T03:00:00.000Z',
    });
  });

  it('books the deduction in the same evaluation that shows its deadline passed', () => {
    const e = evaluateTicket(serious, [reported], terms, [], at(61));
    expect(e.newDeductions.map((d) => d.ruleId)).toEqual(['late-response']);
    expect(e.deadlines?.deadlines[0]).toMatchObject({ name: '响应超时扣款', state: 'passed' });
    expect(e.deadlines?.next).toMatchObject({ name: '响应时限', state: 'pending' });
  });
});

describe('the SLA log a ticket keeps instead of its timeline', () => {
  const event = (
    seq: number,
    type: TicketEventRecord['type'],
    minutes: number,
    data: Record<string, unknown> = {},
  ): TicketEventRecord => ({
    ...created,
    seq,
    type,
    at: at(minutes).toISOString(),
    recordedAt: at(minutes + 1).toISOString(),
    actor: { sub: 'e1', email: 'engineer@vendor.example', role: 'support-engineer' },
    data,
  });
  // Every kind of event, the SLA's among comments, marks, deductions and an assignment.
  const timeline: TicketEventRecord[] = [
    { ...created, data: { severity: 'serious' } },
    event(2, 'comment', 5, { text: '已收到' }),
    event(3, 'severity-change', 10, { severity: 'fatal', reason: '全院停用' }),
    event(4, 'sla-at-risk', 48, { clock: 'response', deadline: at(60).toISOString() }),
    event(5, 'on-site-request', 50),
    event(6, 'response', 70),
    event(7, 'assignment', 70, { assignee: { sub: 'e1', email: null, name: '李强' } }),
    event(8, 'deduction', 61, { entryId: 'x', amountFen: 188_000, reason: '响应超时' }),
    event(9, 'resolution-target', 80, { targetAt: at(600).toISOString() }),
    event(10, 'on-site-arrival', 200),
    event(11, 'resolution', 300, { text: '已修复', servicePack: 'SP1' }),
    event(12, 'close', 320),
    event(13, 'reopen', 330),
  ];
  const t = ticket({ severity: 'fatal', lastEventSeq: 13 });

  it('keeps only the events that move a clock or a deduction, with only the datum each uses', () => {
    expect(slaLogOf(timeline)).toEqual([
      { seq: 1, type: 'created', at: reportedAt, data: { severity: 'serious' } },
      { seq: 3, type: 'severity-change', at: at(10).toISOString(), data: { severity: 'fatal' } },
      { seq: 5, type: 'on-site-request', at: at(50).toISOString(), data: {} },
      { seq: 6, type: 'response', at: at(70).toISOString(), data: {} },
      {
        seq: 9,
        type: 'resolution-target',
        at: at(80).toISOString(),
        data: { targetAt: at(600).toISOString() },
      },
      { seq: 10, type: 'on-site-arrival', at: at(200).toISOString(), data: {} },
      { seq: 11, type: 'resolution', at: at(300).toISOString(), data: {} },
    ]);
  });

  it('gives the same clocks, deadlines, marks, deductions and timers as the whole timeline, at every point of it', () => {
    for (let n = 1; n <= timeline.length; n += 1) {
      const sofar = timeline.slice(0, n);
      for (const minutes of [0, 30, 49, 61, 75, 130, 250, 400, 2000]) {
        const whole = evaluateTicket(t, sofar, terms, [], at(minutes));
        expect(evaluateTicket(t, slaLogOf(sofar), terms, [], at(minutes))).toEqual(whole);
      }
    }
  });
});
