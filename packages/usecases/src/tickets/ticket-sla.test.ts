import { contractFromTemplate, seedCpoeTemplate } from '@weibao/domain';
import type { TicketEventRecord, TicketRecord } from '@weibao/store';
import { describe, expect, it } from 'vitest';
import { evaluateTicket } from './ticket-sla.ts';

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
