import { describe, expect, it } from 'vitest';
import { departmentsOf } from './departments-text.ts';

describe('the departments typed for a survey round', () => {
  it('reads one department a line, with an e-mail after a space when given, and skips blank lines', () => {
    expect(
      departmentsOf('心内科一病区 xnk@hospital.cn\n\n  骨科 二病区  \n急诊科\tjz@hospital.cn\n'),
    ).toEqual([
      { name: '心内科一病区', email: 'xnk@hospital.cn' },
      { name: '骨科 二病区' },
      { name: '急诊科', email: 'jz@hospital.cn' },
    ]);
  });
});
