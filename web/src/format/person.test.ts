import { describe, expect, it } from 'vitest';
import { personName } from './person.ts';

describe('how a screen names a person', () => {
  it('says the name, else the e-mail, else the fallback, never the subject', () => {
    const sub = '8f2c1b7e-0000-4000-8000-000000000001';
    expect(personName({ sub, email: 'it@whch.example', name: '刘洋' }, '系统')).toBe('刘洋');
    expect(personName({ sub, email: 'it@whch.example' }, '系统')).toBe('it@whch.example');
    expect(personName({ sub, email: 'it@whch.example', name: '  ' }, '系统')).toBe(
      'it@whch.example',
    );
    expect(personName({ sub, email: null }, '系统')).toBe('系统');
    expect(personName(null, '系统')).toBe('系统');
  });
});
