import { quarterPeriods, type ChangeRequest } from '@weibao/domain';
import { seedDemoContract } from '@weibao/domain/test-fixtures';
import type { LedgerEntryRecord } from '@weibao/store';
import { describe, expect, it } from 'vitest';
import { aggregateVendorOverview } from '../overview/vendor-overview.ts';
import { minutesZh, quarterAnalysisFigures } from './quarter-analysis.ts';

const terms = seedDemoContract();
const contract = { hospitalId: 'h1', id: 'c1', terms };
const period = quarterPeriods(terms.term)[0]!;
const day = `${period.startsOn}T02:00:00.000Z`;
const plus = (minutes: number) => new Date(Date.parse(day) + minutes * 60_000).toISOString();

let n = 0;
const ticket = (
  over: Partial<{
    kind: 'fault' | 'consultation';
    severity: 'fatal' | 'serious' | 'minor';
    subsystemId: string | null;
    respondedAt: string | null;
    resolvedAt: string | null;
    resolutionTargetAt: string | null;
    slaMarks: string[];
  }> = {},
) => {
  n += 1;
  return {
    hospitalId: 'h1',
    contractId: 'c1',
    id: `t${n}`,
    number: `WHZX-2026-0000${n}`,
    kind: 'fault' as const,
    severity: 'fatal' as const,
    subsystemId: 's1',
    reportedAt: plus(n),
    respondedAt: null,
    resolvedAt: null,
    resolutionTargetAt: null,
    slaMarks: [],
    ...over,
  };
};
const entry = (ticketId: string, amountFen: number, upheld: boolean | null) =>
  ({
    hospitalId: 'h1',
    contractId: 'c1',
    id: `e-${ticketId}`,
    ticketId,
    trigger: 'late-response',
    reportedAt: plus(5),
    amountFen,
    disputes:
      upheld === null
        ? []
        : [
            {
              id: 'd1',
              raisedAt: plus(100),
              raisedBy: { sub: 'm', email: null, role: 'service-manager' },
              reason: '时间有误',
              outcome: {
                decidedAt: plus(200),
                decidedBy: { sub: 'i', email: null, role: 'hospital-it' },
                upheld,
                note: '核实',
              },
            },
          ],
  }) as unknown as LedgerEntryRecord;
const change = (progress: ChangeRequest['progress'], title: string) => ({
  number: `BG-${title}`,
  kind: 'change-request' as const,
  title,
  requester: '王医生',
  reportedAt: plus(30),
  change: { dueOn: '2026-03-01', progress, decision: null, completedAt: null },
});

describe('the quarterly analysis’s figures', () => {
  // s1 (住院医生医嘱系统): two fatal, one serious; s2: one minor; one without a subsystem.
  const fatalFast = ticket({ respondedAt: plus(1 + 30), resolvedAt: plus(1 + 100) });
  const fatalSlow = ticket({
    respondedAt: plus(2 + 90),
    resolvedAt: plus(2 + 200),
    slaMarks: ['response:breach'],
  });
  const serious = ticket({ severity: 'serious', respondedAt: plus(3 + 70) });
  const minor = ticket({
    severity: 'minor',
    subsystemId: 's2',
    respondedAt: plus(4 + 10),
    resolvedAt: plus(4 + 3000),
    resolutionTargetAt: plus(4 + 2000),
  });
  const unassigned = ticket({ severity: 'serious', subsystemId: null });
  const consultation = ticket({ kind: 'consultation' });
  const tickets = [fatalFast, fatalSlow, serious, minor, unassigned, consultation];
  const ledger = [entry(serious.id, 188_000, null), entry(unassigned.id, 50_000, true)];
  const changeRequests = [change('in-progress', '新增会诊单'), change('pending', '改打印格式')];
  const f = quarterAnalysisFigures({ contract, period, tickets, ledger, changeRequests });

  it('counts faults, late ones, 达标率 and deductions as the overview counts the same quarter', () => {
    const overview = aggregateVendorOverview({
      at: plus(60 * 24 * 30),
      quarters: [],
      hospitals: [{ id: 'h1', name: '武汉市中心医院' }],
      contracts: [contract],
      tickets,
      openTickets: [],
      ledger,
    });
    const q = overview.hospitals[0]!.contractQuarters[0]!;
    expect(q.startsOn).toBe(period.startsOn);
    // Five faults; late: the breached one and the one with a standing late-response deduction.
    expect(f).toMatchObject({ faults: 5, late: 2, compliantBp: 6000 });
    expect(f).toMatchObject({ deductionsFen: 188_000, deductionEntries: 2, withdrawnFen: 50_000 });
    expect([f.faults, f.late, f.compliantBp, f.deductionsFen, f.withdrawnFen]).toEqual([
      q.faults,
      q.breached,
      q.compliantBp,
      q.deductionsFen,
      q.withdrawnFen,
    ]);
  });

  it('tabulates faults by subsystem and severity, most first, and names the recurring ones', () => {
    expect(f.bySubsystem).toEqual([
      { name: '住院医生医嘱系统', counts: { fatal: 2, serious: 1, minor: 0 }, total: 3 },
      { name: '临床路径系统', counts: { fatal: 0, serious: 0, minor: 1 }, total: 1 },
      { name: '未指定子系统', counts: { fatal: 0, serious: 1, minor: 0 }, total: 1 },
    ]);
    expect(f.recurring).toEqual([
      {
        subsystem: '住院医生医嘱系统',
        faults: 3,
        numbers: [fatalFast.number, fatalSlow.number, serious.number],
      },
    ]);
  });

  it('measures response and resolution per severity against the contract’s targets', () => {
    const [fatal, seriousTimes, minorTimes] = f.times;
    expect(fatal).toEqual({
      severity: 'fatal',
      responseTargetMinutes: 60,
      resolutionTargetMinutes: 120,
      faults: 2,
      responded: 2,
      responseMedianMinutes: 30,
      responseWorstMinutes: 90,
      responseLate: 1,
      resolved: 2,
      resolutionMedianMinutes: 100,
      resolutionWorstMinutes: 200,
      resolutionLate: 1,
    });
    expect(seriousTimes).toMatchObject({
      faults: 2,
      responded: 1,
      responseMedianMinutes: 70,
      responseLate: 0,
      resolved: 0,
      resolutionMedianMinutes: null,
    });
    // 一般错误 has no resolution minutes: it is measured against its service-pack target time.
    expect(minorTimes).toMatchObject({
      resolutionTargetMinutes: null,
      resolved: 1,
      resolutionWorstMinutes: 3000,
      resolutionLate: 1,
    });
  });

  it('counts change requests by progress and lists the approved ones', () => {
    expect(f.changes.total).toBe(2);
    expect(f.changes.byProgress).toEqual({
      pending: 1,
      approved: 0,
      'in-progress': 1,
      done: 0,
      declined: 0,
    });
    expect(f.changes.approved.map((c) => c.title)).toEqual(['新增会诊单']);
  });

  it('has no 达标率 for a quarter without faults', () => {
    const empty = quarterAnalysisFigures({
      contract,
      period,
      tickets: [],
      ledger: [],
      changeRequests: [],
    });
    expect(empty).toMatchObject({ faults: 0, late: 0, compliantBp: null, recurring: [] });
    expect(empty.times.every((t) => t.responseMedianMinutes === null)).toBe(true);
  });

  it('refuses a period that is not one of the contract’s quarters', () => {
    expect(() =>
      quarterAnalysisFigures({
        contract,
        period: { startsOn: '2020-01-01', endsOn: '2020-03-31' },
        tickets: [],
        ledger: [],
        changeRequests: [],
      }),
    ).toThrow(RangeError);
  });

  it('writes durations in Chinese', () => {
    expect([minutesZh(null), minutesZh(45), minutesZh(60), minutesZh(95), minutesZh(3000)]).toEqual(
      ['—', '45分钟', '1小时', '1小时35分钟', '2天2小时'],
    );
  });
});
