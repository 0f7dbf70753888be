import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseSubject } from './normalise-subject.ts';

describe('normaliseSubject', () => {
  it.each([
    ['Re: 医嘱无法保存', '医嘱无法保存'],
    ['RE: RE: Fwd: 医嘱无法保存', '医嘱无法保存'],
    ['回复：回复: 医嘱无法保存', '医嘱无法保存'],
    ['答复: 答复： 转发: 转发：医嘱无法保存', '医嘱无法保存'],
    ['AW: WG: Fw: 医嘱无法保存', '医嘱无法保存'],
    ['回复 ：　转发　：医嘱无法保存', '医嘱无法保存'],
    ['Re[2]: RE(3): 医嘱无法保存', '医嘱无法保存'],
    ['re:Re：[WHZX-2026-00042] 医嘱无法保存', '[WHZX-2026-00042] 医嘱无法保存'],
  ])('strips the prefixes of "%s"', (subject, expected) => {
    expect(normaliseSubject(subject)).toBe(expected);
  });

  it('leaves words that only start like a prefix', () => {
    expect(normaliseSubject('Reboot: 服务器')).toBe('Reboot: 服务器');
    expect(normaliseSubject('回复慢的问题')).toBe('回复慢的问题');
  });

  it('is idempotent and strips any stack of prefixes put before a subject', () => {
    const prefix = fc.constantFrom(
      'Re: ',
      'RE:',
      'Fwd: ',
      '回复：',
      '答复: ',
      '转发：',
      'AW: ',
      'WG:',
    );
    fc.assert(
      fc.property(fc.array(prefix, { maxLength: 6 }), (prefixes) => {
        const subject = `${prefixes.join('')}医嘱无法保存`;
        expect(normaliseSubject(subject)).toBe('医嘱无法保存');
        expect(normaliseSubject(normaliseSubject(subject))).toBe('医嘱无法保存');
      }),
    );
  });
});
