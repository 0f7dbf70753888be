import { describe, expect, it } from 'vitest';
import { ticketRefFromSubject } from './ticket-ref.ts';

describe('ticketRefFromSubject', () => {
  it.each([
    'Re: [WHZX-2026-00042] 医嘱无法保存',
    '回复：【WHZX-2026-00042】医嘱无法保存',
    'RE: (WHZX-2026-00042) 医嘱无法保存',
    '答复: （WHZX-2026-00042）医嘱无法保存',
    '医嘱无法保存 WHZX-2026-00042',
    '工单WHZX-2026-00042已受理',
  ])('finds the ticket number in "%s"', (subject) => {
    expect(ticketRefFromSubject(subject)).toBe('WHZX-2026-00042');
  });

  it('accepts codes of 2 to 10 letters or digits and longer sequences', () => {
    expect(ticketRefFromSubject('[H1-2027-1234567]')).toBe('H1-2027-1234567');
    expect(ticketRefFromSubject('[ABCDEFGHIJ-2026-00001]')).toBe('ABCDEFGHIJ-2026-00001');
  });

  it.each([
    ['no number at all', '医嘱无法保存'],
    ['a lower-case code', '[whzx-2026-00042]'],
    ['a code starting with a digit', '[1WHZ-2026-00042]'],
    ['a one-letter code', '[W-2026-00042]'],
    ['an eleven-character code', '[ABCDEFGHIJK-2026-00042]'],
    ['a short sequence', '[WHZX-2026-0042]'],
    ['a two-digit year', '[WHZX-26-00042]'],
    ['a number glued to a longer code', '[X-WHZX-2026-00042]'],
  ])('finds nothing in %s', (_case, subject) => {
    expect(ticketRefFromSubject(subject)).toBeNull();
  });

  it('is null for a missing subject and takes the first of two numbers', () => {
    expect(ticketRefFromSubject(null)).toBeNull();
    expect(ticketRefFromSubject('[WHZX-2026-00042] 同 [WHZX-2026-00041]')).toBe('WHZX-2026-00042');
  });
});
