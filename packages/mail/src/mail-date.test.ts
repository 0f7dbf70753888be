import { describe, expect, it } from 'vitest';
import { mailDate } from './mail-date.ts';

describe('mailDate', () => {
  it('gives the Date header in UTC', () => {
    expect(mailDate('Wed, 25 Nov 2026 10:03:00 +0800')).toBe('2026-11-25T02:03:00.000Z');
    expect(mailDate('Wed,  31 Jul 2020 11:38:04 +0900 (JST)')).toBe('2020-07-31T02:38:04.000Z');
  });

  it('reads a date without a zone as UTC, never in the local zone of the server', () => {
    expect(mailDate('25 Nov 2026 10:03:00')).toBe('2026-11-25T10:03:00.000Z');
  });

  it('is null when the header is missing or unreadable, instead of the time of parsing', () => {
    expect(mailDate(undefined)).toBeNull();
    expect(mailDate('')).toBeNull();
    expect(mailDate('next Tuesday')).toBeNull();
    expect(mailDate('Wed, 99 Foo 2026 99:99:99 +0800')).toBeNull();
  });
});
