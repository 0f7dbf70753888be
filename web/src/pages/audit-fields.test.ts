import { describe, expect, it } from 'vitest';
import { roleNamesZh } from '@weibao/domain';
import { auditFieldNameZh, auditValueZh } from './audit-fields.ts';

describe('the audit log’s fields in Chinese', () => {
  it('names a changed path by its parts, a list item by its position', () => {
    expect(auditFieldNameZh('terms.name')).toBe('合同条款 · 名称');
    expect(auditFieldNameZh('terms.contacts.0.phone')).toBe('合同条款 · 联系人 第1项 · 电话');
    expect(auditFieldNameZh('intakeLocalPart')).toBe('报障邮箱');
  });

  it('names no system field, so it is counted instead of shown by its English key', () => {
    expect(auditFieldNameZh('version')).toBeNull();
    expect(auditFieldNameZh('slaLog.3.seq')).toBeNull();
    expect(auditFieldNameZh('terms.sourceText')).toBeNull();
    expect(auditFieldNameZh('0')).toBeNull();
  });

  it('shows money in yuan, basis points in per cent, instants in 北京时间 and codes by their names', () => {
    expect(auditValueZh(18_800_000, 'terms.totalFen')).toBe('¥188,000.00');
    expect(auditValueZh(100, 'terms.deductionRules.0.rateBp')).toBe('1%');
    expect(auditValueZh('2026-12-04T16:30:00.000Z', 'respondedAt')).toBe('2026-12-05 00:30');
    expect(auditValueZh('support-engineer', 'role', { role: roleNamesZh })).toBe('技术支持工程师');
    expect(auditValueZh(false, 'enabled')).toBe('否');
    expect(auditValueZh(null, 'assignee')).toBe('—');
    expect(auditValueZh(['主院区', '西院区'], 'campuses')).toBe('主院区、西院区');
  });

  it('shows a person by name and e-mail and an object by its named fields, never by its id', () => {
    expect(
      auditValueZh({ sub: 'u-1', name: '李强', email: 'engineer@vendor.example' }, 'assignee'),
    ).toBe('李强（engineer@vendor.example）');
    expect(auditValueZh({ sampled: 8, passed: 7, id: 'x' }, 'spotChecks')).toBe(
      '抽查数：8，合格数：7',
    );
    expect(auditValueZh({ id: '01KAW', seq: 3 }, 'whatever')).toBe('（详见技术详情）');
  });
});
