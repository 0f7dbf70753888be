import { calendarForContract, planObligations } from '@weibao/domain';
import { seedDemoContract } from '@weibao/domain/test-fixtures';
import { newObligationRecord, type ObligationRecord } from '@weibao/store';
import { describe, expect, it } from 'vitest';
import { replanDecision } from './obligation-planning.ts';

const at = '2026-01-05T00:00:00.000Z';
const stored = (terms = seedDemoContract()): ObligationRecord[] =>
  planObligations(terms, calendarForContract(terms)).map((p) =>
    newObligationRecord(p, { hospitalId: 'whzx', contractId: '01KAW00000000000000000WHZX' }, at),
  );

describe('re-planning the stored obligations of a contract', () => {
  it('changes nothing when the plan is the same, whatever order a stored map’s keys come back in', () => {
    // Prepare: the period read back with its keys the other way round.
    const terms = seedDemoContract();
    const list = stored(terms).map((o) => ({
      ...o,
      period: { endsOn: o.period.endsOn, startsOn: o.period.startsOn },
    }));
    // Act
    const d = replanDecision(list, planObligations(terms, calendarForContract(terms)));
    // Assess
    expect([d.create, d.update, d.remove]).toEqual([[], [], []]);
  });

  it('keeps done and proven obligations, moves open ones, removes unproven ones the plan lost', () => {
    // Prepare: clean-up 1 done, clean-up 12 has a work record; the term now ends after 6 months.
    const terms = seedDemoContract();
    const list = stored(terms).map((o) =>
      o.id === 'clean-up-1'
        ? { ...o, doneOn: '2026-02-03' }
        : o.id === 'clean-up-12'
          ? { ...o, workRecordIds: ['01KAW00000000000000000WRK1'] }
          : o,
    );
    const shorter = {
      ...terms,
      signedOn: '2026-01-12',
      term: { startsOn: '2026-01-12', endsOn: '2026-07-11' },
    };
    // Act
    const d = replanDecision(list, planObligations(shorter, calendarForContract(shorter)));
    // Assess
    expect(d.keep.map((o) => o.id).sort()).toEqual(['clean-up-1', 'clean-up-12']);
    expect(d.update.map((u) => u.before.id)).toContain('inspection-1');
    expect(d.update.find((u) => u.before.id === 'inspection-1')?.plan.period).toEqual({
      startsOn: '2026-01-12',
      endsOn: '2026-04-11',
    });
    expect(d.remove.map((o) => o.id)).toContain('inspection-3');
    expect(d.remove.map((o) => o.id)).not.toContain('clean-up-12');
    expect(d.create).toEqual([]);
  });
});
