import { describe, expect, it } from 'vitest';
import { formatBp, formatCny, formatShanghai, minutesAsHours } from './format.ts';

describe('what people read', () => {
  it('shows fen as CNY with two decimals', () => {
    expect(formatCny(18_800_000)).toBe('¥188,000.00');
    expect(formatCny(2_350_000)).toBe('¥23,500.00');
    expect(formatCny(5)).toBe('¥0.05');
    expect(formatCny(-123_456)).toBe('-¥1,234.56');
    expect(formatCny(Number.MAX_SAFE_INTEGER)).toBe('¥90,071,992,547,409.91');
  });

  it('shows basis points as percent', () => {
    expect(formatBp(100)).toBe('1%');
    expect(formatBp(3000)).toBe('30%');
    expect(formatBp(1250)).toBe('12.5%');
    expect(formatBp(5)).toBe('0.05%');
    expect(formatBp(10_000)).toBe('100%');
  });

  it('shows SLA minutes as hours', () => {
    expect(minutesAsHours(60)).toBe('1');
    expect(minutesAsHours(240)).toBe('4');
    expect(minutesAsHours(90)).toBe('1.5');
    expect(minutesAsHours(20)).toBe('0.33');
  });

  it('shows UTC instants in Asia/Shanghai', () => {
    expect(formatShanghai('2026-01-05T02:03:04.000Z')).toBe('2026-01-05 10:03:04');
    expect(formatShanghai('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00:00');
  });
});
