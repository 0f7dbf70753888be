import { describe, expect, it } from 'vitest';
import {
  contractOptions,
  contractRefKey,
  contractRefOfKey,
  inviteFieldOfPath,
  roleChoices,
  sortPeople,
} from './people-helpers.ts';

describe('the directory pages’ helpers', () => {
  it('puts an API error path on the invite form field it names, or nowhere', () => {
    expect(inviteFieldOfPath('email')).toBe('email');
    expect(inviteFieldOfPath('contracts.1')).toBe('contracts');
    expect(inviteFieldOfPath('role')).toBe('role');
    expect(inviteFieldOfPath('state')).toBeNull();
    expect(inviteFieldOfPath('')).toBeNull();
  });

  it('offers a role change only within the person’s side', () => {
    expect(roleChoices('hospital-dept', true)).toEqual(['hospital-it', 'hospital-dept']);
    expect(roleChoices('support-engineer', false)).toEqual([
      'vendor-admin',
      'service-manager',
      'support-engineer',
    ]);
    expect(roleChoices('auditor', false)).toEqual(['supervisor', 'auditor']);
  });

  it('labels contracts “医院 · 合同名称” and round-trips their references', () => {
    const options = contractOptions(
      [
        { id: 'jcey', name: '江城第二人民医院' },
        { id: 'whzx', name: '武汉中心医院' },
      ],
      (h) =>
        h === 'jcey'
          ? [
              { id: '01B', name: '乙合同' },
              { id: '01A', name: '甲合同' },
            ]
          : [],
      (h, c) => `${h} · ${c}`,
    );
    expect(options.map((o) => o.label)).toEqual([
      '江城第二人民医院 · 甲合同',
      '江城第二人民医院 · 乙合同',
    ]);
    const ref = { hospitalId: 'jcey', contractId: '01A' };
    expect(contractRefOfKey(contractRefKey(ref))).toEqual(ref);
    expect(options[0]?.value).toBe(contractRefKey(ref));
  });

  it('lists active people before deactivated ones', () => {
    const sorted = sortPeople([
      { name: '乙', state: 'deactivated' },
      { name: '甲', state: 'active' },
    ]);
    expect(sorted.map((p) => p.name)).toEqual(['甲', '乙']);
  });
});
