import { formatBp } from './format.ts';

interface Milestone {
  kind: 'first' | 'progress' | 'final';
  shareBp: number;
}

interface ShareTexts {
  shareOfTotal(share: string): string;
  cumulativeShare(share: string, rest: string): string;
}

/**
 * What a payment milestone pays, in words that add up: 首付款 and 进度款 are shares of the contract
 * total; 验收款 brings the payments up to its share of the audited total (the seed's 支付至总合同审定
 * 金额的100%), so beside 30% and 30% it reads "累计至审定总额的 100%（本期约 40%）", not a third
 * 100% that makes 160%.
 */
export function milestoneShareText(m: Milestone, all: readonly Milestone[], t: ShareTexts): string {
  if (m.kind !== 'final') return t.shareOfTotal(formatBp(m.shareBp));
  const before = all.filter((x) => x.kind !== 'final').reduce((sum, x) => sum + x.shareBp, 0);
  return t.cumulativeShare(formatBp(m.shareBp), formatBp(Math.max(0, m.shareBp - before)));
}
