import { describe, expect, it } from 'vitest';
import { quarterPeriods } from '../service-periods.ts';
import {
  defaultChecklist,
  gapsBeforeSignature,
  inspectionAreas,
  quarterOfDay,
  stateAfterSignatures,
  type InspectionItem,
} from './inspection.ts';

const item = (over: Partial<InspectionItem> = {}): InspectionItem => ({
  area: 'host',
  item: '磁盘空间使用率',
  result: 'normal',
  remark: null,
  ...over,
});
const visit = {
  arrivedAt: '2026-03-20T01:00:00.000Z',
  leftAt: '2026-03-20T03:30:00.000Z',
};

describe('the 巡检 checklist and a visit’s record', () => {
  it('checks each covered subsystem, the host and the database by default, in the 巡检单’s order', () => {
    const list = defaultChecklist(['门诊医生站', '住院医生站']);
    expect(list.slice(0, 3)).toEqual([
      { area: 'application', item: '门诊医生站运行情况' },
      { area: 'application', item: '住院医生站运行情况' },
      { area: 'application', item: '应用日志错误检查' },
    ]);
    expect(list.filter((i) => i.area === 'database').map((i) => i.item)).toContain('数据恢复测试');
    const rank = list.map((i) => inspectionAreas.indexOf(i.area));
    expect(rank).toEqual([...rank].sort((a, b) => a - b));
  });

  it('is ready for signature only with every item checked, an abnormal one explained, and the engineer’s times in order', () => {
    expect(gapsBeforeSignature({ ...visit, items: [item()] })).toEqual([]);
    expect(
      gapsBeforeSignature({
        arrivedAt: visit.leftAt,
        leftAt: visit.arrivedAt,
        items: [item({ result: null }), item({ result: 'abnormal', remark: '  ' })],
      }).map((g) => g.path),
    ).toEqual(['leftAt', 'items.0.result', 'items.1.remark']);
    expect(
      gapsBeforeSignature({ arrivedAt: null, leftAt: null, items: [] }).map((g) => g.path),
    ).toEqual(['arrivedAt', 'leftAt']);
  });

  it('is signed once both the department and the IT center have signed, whatever the order', () => {
    expect(stateAfterSignatures([])).toBe('awaiting-signatures');
    expect(stateAfterSignatures(['it-center'])).toBe('awaiting-signatures');
    expect(stateAfterSignatures(['it-center', 'department'])).toBe('signed');
  });

  it('places a day in the contract quarter it falls in, and nowhere outside the term', () => {
    const quarters = quarterPeriods({ startsOn: '2026-01-05', endsOn: '2027-01-04' });
    expect(quarterOfDay(quarters, '2026-01-05')).toBe(1);
    expect(quarterOfDay(quarters, '2026-04-04')).toBe(1);
    expect(quarterOfDay(quarters, '2026-04-05')).toBe(2);
    expect(quarterOfDay(quarters, '2027-01-05')).toBeNull();
  });
});
