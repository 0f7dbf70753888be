import { describe, expect, it } from 'vitest';
import {
  byDueDay,
  filterFromParams,
  filterObligations,
  paramsOfFilter,
  startMonth,
} from './obligation-filter.ts';

const o = (
  id: string,
  owner: 'service-manager' | 'support-engineer',
  state: 'open' | 'done' | 'overdue',
  kind: 'inspection' | 'payment' | 'training',
  dueOn: string | null,
  nominalDueOn = dueOn ?? '2027-01-04',
) => ({ id, owner, state, kind, dueOn, nominalDueOn });

const list = [
  o('i1', 'support-engineer', 'done', 'inspection', '2026-03-31'),
  o('i2', 'support-engineer', 'overdue', 'inspection', '2026-06-30'),
  o('m2', 'service-manager', 'overdue', 'training', '2026-06-30'),
  o('p1', 'service-manager', 'open', 'payment', '2026-07-15'),
  o('p3', 'service-manager', 'open', 'payment', null, '2027-01-04'),
];

describe('the obligations calendar’s filter', () => {
  it('keeps what the address asks for in the shapes the page writes, and nothing else', () => {
    const f = filterFromParams(
      new URLSearchParams(
        'owner=service-manager&state=overdue&kind=training&view=month&month=2026-06',
      ),
    );
    expect(f).toEqual({
      owner: 'service-manager',
      state: 'overdue',
      kind: 'training',
      view: 'month',
      month: '2026-06',
    });
    expect(filterFromParams(paramsOfFilter(f))).toEqual(f);
    expect(
      filterFromParams(new URLSearchParams('owner=admin&state=<b>&kind=x&view=grid&month=2026-13')),
    ).toEqual({ view: 'list' });
  });

  it('filters by owner, state and kind together', () => {
    expect(filterObligations(list, { view: 'list', state: 'overdue' }).map((x) => x.id)).toEqual([
      'i2',
      'm2',
    ]);
    expect(
      filterObligations(list, { view: 'list', owner: 'service-manager', kind: 'payment' }).map(
        (x) => x.id,
      ),
    ).toEqual(['p1', 'p3']);
    expect(filterObligations(list, { view: 'list' })).toHaveLength(5);
  });

  it('places each obligation on its due day, an estimated one on its contract day', () => {
    const june = byDueDay(list, '2026-06');
    expect([...june.keys()]).toEqual(['2026-06-30']);
    expect(june.get('2026-06-30')?.map((x) => x.id)).toEqual(['i2', 'm2']);
    expect(
      byDueDay(list, '2027-01')
        .get('2027-01-04')
        ?.map((x) => x.id),
    ).toEqual(['p3']);
  });

  it('opens the month view on the month asked for, else the earliest obligation not done, else today', () => {
    expect(startMonth(list, '2026-09', '2026-12-05')).toBe('2026-09');
    expect(startMonth(list, undefined, '2026-12-05')).toBe('2026-06');
    expect(startMonth([list[0]!], undefined, '2026-12-05')).toBe('2026-12');
  });
});
