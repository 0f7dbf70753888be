import {
  calendarForContract,
  chinaCalendar,
  planObligations,
  shanghaiDateOf,
} from '@weibao/domain';
import { seedDemoContract } from '@weibao/domain/test-fixtures';
import { newObligationRecord, type ContractRecord, type ObligationRecord } from '@weibao/store';
import { describe, expect, it } from 'vitest';
import { desiredSchedules } from './obligation-schedules.ts';

const at = '2026-01-05T00:00:00.000Z';
const terms = seedDemoContract();
const contract: ContractRecord = {
  id: '01KAW00000000000000000WHZX',
  hospitalId: 'whzx',
  terms,
  version: 1,
  createdAt: at,
  updatedAt: at,
  deletedAt: null,
};
const obligations: ObligationRecord[] = planObligations(terms, calendarForContract(terms)).map(
  (p) => newObligationRecord(p, { hospitalId: contract.hospitalId, contractId: contract.id }, at),
);

describe('the schedules of a contract’s obligations', () => {
  it('puts every reminder and evaluation request inside 08:30–09:30 Shanghai of its day, spread over that hour', () => {
    // Act: planned on the day the contract was signed, before any reminder day.
    const { put } = desiredSchedules(contract, obligations, Date.parse(at), chinaCalendar);
    // Assess
    expect(put.some((s) => s.payload.kind === 'evaluation-request')).toBe(true);
    for (const s of put) {
      const day = shanghaiDateOf(s.atMs);
      expect(s.atMs, s.name).toBeGreaterThanOrEqual(Date.parse(`${day}T08:30:00+08:00`));
      expect(s.atMs, s.name).toBeLessThan(Date.parse(`${day}T09:30:00+08:00`));
    }
    const seconds = new Set(put.map((s) => (s.atMs / 1000) % 86_400));
    expect(seconds.size).toBeGreaterThan(put.length * 0.8);
  });

  it('plans the same instants when planned again: a schedule put twice is the same schedule', () => {
    const first = desiredSchedules(contract, obligations, Date.parse(at), chinaCalendar);
    const again = desiredSchedules(contract, obligations, Date.parse(at) + 60_000, chinaCalendar);
    expect(again.put.map((s) => [s.name, s.atMs])).toEqual(first.put.map((s) => [s.name, s.atMs]));
  });
});
