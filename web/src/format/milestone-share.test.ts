import { describe, expect, it } from 'vitest';
import { zh } from '../i18n/messages.ts';
import { milestoneShareText } from './milestone-share.ts';

describe('the share a payment milestone names', () => {
  it('says the seed’s three payments as 30% + 30% of the total and the final one up to 100% of the audited total, 40% at this stage', () => {
    // Prepare: the seed's 商务要求（二）
    const seed = [
      { kind: 'first', shareBp: 3000 },
      { kind: 'progress', shareBp: 3000 },
      { kind: 'final', shareBp: 10_000 },
    ] as const;

    // Act
    const texts = seed.map((m) => milestoneShareText(m, seed, zh.contracts));

    // Assess
    expect(texts).toEqual([
      '合同总额的 30%',
      '合同总额的 30%',
      '累计至审定总额的 100%（本期约 40%）',
    ]);
  });
});
