import { describe, expect, it } from 'vitest';
import {
  ScheduleExpressionError,
  assertTimeZone,
  instantOf,
  nextFireTime,
  parseScheduleExpression,
} from './schedule-expression.ts';

const t = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function next(expression: string, timeZone: string, after: string, anchor = after) {
  return iso(
    nextFireTime(parseScheduleExpression(expression), {
      timeZone,
      after: t(after),
      anchor: t(anchor),
    }),
  );
}

describe('at() expressions', () => {
  it('name one instant in UTC', () => {
    expect(next('at(2026-03-02T01:30:00)', 'UTC', '2026-01-01T00:00:00Z')).toBe(
      '2026-03-02T01:30:00.000Z',
    );
  });

  it('name one instant in the schedule’s time zone: 09:00 in Shanghai is 01:00 UTC', () => {
    expect(next('at(2026-03-02T09:00:00)', 'Asia/Shanghai', '2026-01-01T00:00:00Z')).toBe(
      '2026-03-02T01:00:00.000Z',
    );
  });

  it('still name their instant once it has passed (one-time schedules run late, not never)', () => {
    expect(next('at(2020-01-01T00:00:00)', 'UTC', '2026-01-01T00:00:00Z')).toBe(
      '2020-01-01T00:00:00.000Z',
    );
  });

  it.each(['at(2026-02-30T00:00:00)', 'at(2026-01-01T24:00:00)', 'at(2026-1-1T00:00:00)'])(
    'refuse %s',
    (expression) => {
      expect(() => parseScheduleExpression(expression)).toThrow(ScheduleExpressionError);
    },
  );
});

describe('cron() expressions', () => {
  it('find the next 09:00 on a working day in Asia/Shanghai as the right UTC instant', () => {
    // Friday 2026-03-06 10:00 in Shanghai (02:00 UTC): the next Mon–Fri 09:00 is Monday the 9th.
    expect(next('cron(0 9 ? * MON-FRI *)', 'Asia/Shanghai', '2026-03-06T02:00:00Z')).toBe(
      '2026-03-09T01:00:00.000Z',
    );
    // Friday 08:59 in Shanghai: the same morning.
    expect(next('cron(0 9 ? * 2-6 *)', 'Asia/Shanghai', '2026-03-06T00:59:00Z')).toBe(
      '2026-03-06T01:00:00.000Z',
    );
  });

  it('cross the UTC date line: 07:30 on the 1st in Shanghai is 23:30 UTC the day before', () => {
    expect(next('cron(30 7 1 * ? *)', 'Asia/Shanghai', '2026-04-15T00:00:00Z')).toBe(
      '2026-04-30T23:30:00.000Z',
    );
  });

  it('supports lists, ranges and steps', () => {
    expect(next('cron(0/15 * * * ? *)', 'UTC', '2026-01-01T10:07:00Z')).toBe(
      '2026-01-01T10:15:00.000Z',
    );
    expect(next('cron(*/20 8-9 * * ? *)', 'UTC', '2026-01-01T09:41:00Z')).toBe(
      '2026-01-02T08:00:00.000Z',
    );
    expect(next('cron(5,35 12 ? JAN,JUL SUN 2027)', 'UTC', '2026-06-01T00:00:00Z')).toBe(
      '2027-01-03T12:05:00.000Z',
    );
  });

  it('is strictly after the given instant', () => {
    expect(next('cron(0 12 * * ? *)', 'UTC', '2026-01-01T12:00:00Z')).toBe(
      '2026-01-02T12:00:00.000Z',
    );
  });

  it('ends when the year field runs out', () => {
    expect(next('cron(0 0 1 1 ? 2025)', 'UTC', '2026-01-01T00:00:00Z')).toBeUndefined();
  });

  it('skips a wall time that daylight saving removes and runs a repeated one once', () => {
    // New York springs forward on 2026-03-08 (02:00 → 03:00) and falls back on 2026-11-01.
    expect(next('cron(30 2 * * ? *)', 'America/New_York', '2026-03-07T12:00:00Z')).toBe(
      '2026-03-09T06:30:00.000Z',
    );
    expect(next('cron(30 1 * * ? *)', 'America/New_York', '2026-10-31T12:00:00Z')).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    expect(next('cron(30 1 * * ? *)', 'America/New_York', '2026-11-01T05:30:00Z')).toBe(
      '2026-11-02T06:30:00.000Z',
    );
  });

  it.each([
    'cron(0 9 * * MON *)',
    'cron(0 9 ? * ? *)',
    'cron(0 9 * *)',
    'cron(60 9 * * ? *)',
    'cron(0 9 L * ? *)',
    'cron(0 9 ? * 2#1 *)',
  ])('refuses %s', (expression) => {
    expect(() => parseScheduleExpression(expression)).toThrow(ScheduleExpressionError);
  });
});

describe('rate() expressions', () => {
  it('count from the anchor in whole periods', () => {
    expect(next('rate(5 minutes)', 'UTC', '2026-01-01T00:12:00Z', '2026-01-01T00:00:00Z')).toBe(
      '2026-01-01T00:15:00.000Z',
    );
    expect(next('rate(1 day)', 'UTC', '2026-01-01T00:00:00Z', '2026-01-05T00:00:00Z')).toBe(
      '2026-01-05T00:00:00.000Z',
    );
  });

  it('want the singular unit for 1 and the plural otherwise, as AWS does', () => {
    expect(() => parseScheduleExpression('rate(1 minutes)')).toThrow(ScheduleExpressionError);
    expect(() => parseScheduleExpression('rate(2 hour)')).toThrow(ScheduleExpressionError);
    expect(() => parseScheduleExpression('rate(0 hours)')).toThrow(ScheduleExpressionError);
  });
});

describe('time zones', () => {
  it('accepts IANA names and refuses others', () => {
    expect(() => assertTimeZone('Asia/Shanghai')).not.toThrow();
    expect(() => assertTimeZone('UTC')).not.toThrow();
    expect(() => assertTimeZone('Mars/Olympus')).toThrow(ScheduleExpressionError);
  });

  it('maps a Shanghai wall time to UTC eight hours earlier', () => {
    expect(iso(instantOf(t('2026-07-01T08:00:00Z'), 'Asia/Shanghai'))).toBe(
      '2026-07-01T00:00:00.000Z',
    );
  });
});
