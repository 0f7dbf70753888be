import { describe, expect, it } from 'vitest';
import { fenOfYuan, subsystemSum, yuanOfFen } from './contract-amounts.ts';

describe('money on the new-contract form', () => {
  it('reads 元 with up to two decimals as integer fen, without float rounding', () => {
    expect(fenOfYuan('188000')).toBe(18_800_000);
    expect(fenOfYuan('188,000.5')).toBe(18_800_050);
    expect(fenOfYuan(' 0.29 ')).toBe(29);
    expect(fenOfYuan('1.005')).toBeNull();
    expect(fenOfYuan('-1')).toBeNull();
    expect(fenOfYuan('')).toBeNull();
    expect(fenOfYuan('1e5')).toBeNull();
  });

  it('shows fen as 元 with two decimals and reads it back unchanged', () => {
    expect(yuanOfFen(2_350_000)).toBe('23500.00');
    expect(yuanOfFen(5)).toBe('0.05');
    expect(fenOfYuan(yuanOfFen(18_800_001))).toBe(18_800_001);
  });

  it('says by how much the subsystem amounts fall short of or exceed the total, and adds up only when exact', () => {
    expect(subsystemSum('188000', ['100000', '80000'])).toEqual({
      sumFen: 18_000_000,
      differenceFen: -800_000,
      addsUp: false,
    });
    expect(subsystemSum('188000', ['100000', '88000.01']).differenceFen).toBe(1);
    expect(subsystemSum('188000', ['100000', '88000.00']).addsUp).toBe(true);
  });

  it('does not add up while an amount or the total is not a valid sum of money', () => {
    expect(subsystemSum('188000', ['188000', 'abc']).addsUp).toBe(false);
    expect(subsystemSum('', []).addsUp).toBe(false);
  });
});
