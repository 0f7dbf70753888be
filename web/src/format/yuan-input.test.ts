import { describe, expect, it } from 'vitest';
import { fenFromYuanText } from './yuan-input.ts';

describe('an amount typed in yuan', () => {
  it('becomes integer fen without floating point', () => {
    expect(fenFromYuanText('56400')).toBe(5_640_000);
    expect(fenFromYuanText('¥1,234.5')).toBe(123_450);
    expect(fenFromYuanText('0.07')).toBe(7);
    // 0.1 + 0.2 style errors cannot happen: 1.15 yuan is 115 fen exactly.
    expect(fenFromYuanText('1.15')).toBe(115);
  });

  it('is refused when it is not an amount of fen', () => {
    for (const bad of ['', 'abc', '-5', '1.234', '1e5', '99999999999999999']) {
      expect(fenFromYuanText(bad), bad).toBeNull();
    }
  });
});
