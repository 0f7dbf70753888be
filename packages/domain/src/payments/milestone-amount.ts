import type { ContractTerms, PaymentMilestone } from '../contract.ts';
import { fenAtRate } from '../money.ts';
import type { ManualDecision } from './manual-decision.ts';

export interface MilestoneAmountFacts {
  /** 总合同审定金额: the audited total; the final milestone needs it. */
  auditedTotalFen: number | null;
  /** Already paid on earlier milestones. */
  paidFen: number;
  /** Sum of the contract's deduction entries (扣款). */
  deductionsFen: number;
  manualDecision: ManualDecision | null;
}

export interface MilestoneAmount {
  amountFen: number;
  /** What the rules give, shown beside a manual decision that replaces it. */
  computedFen: number;
  basis: 'share-of-total' | 'audited-remainder' | 'manual-decision';
  /** Deductions the final payment could not absorb (it never goes below zero). */
  uncoveredDeductionsFen: number;
}

function assertFen(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer of fen, got ${value}`);
  }
}

/**
 * 首付款 / 进度款: a share of the contract total. 验收款: 支付至总合同审定金额的100%, i.e. the audited
 * total's share less what was paid and less the deductions, never negative. A recorded manual
 * decision (按监理和审计出具报告执行) replaces the computed amount.
 */
export function milestoneAmount(
  terms: Pick<ContractTerms, 'totalFen'>,
  milestone: Pick<PaymentMilestone, 'id' | 'kind' | 'shareBp'>,
  facts: MilestoneAmountFacts,
): MilestoneAmount {
  assertFen('paidFen', facts.paidFen);
  assertFen('deductionsFen', facts.deductionsFen);
  let computedFen: number;
  let uncoveredDeductionsFen = 0;
  let basis: MilestoneAmount['basis'] = 'share-of-total';
  if (milestone.kind === 'final') {
    if (facts.auditedTotalFen === null) {
      throw new RangeError(
        `milestone ${milestone.id} pays against the audited total; record it first`,
      );
    }
    assertFen('auditedTotalFen', facts.auditedTotalFen);
    const target = fenAtRate(facts.auditedTotalFen, milestone.shareBp);
    const owed = target - facts.paidFen - facts.deductionsFen;
    computedFen = Math.max(0, owed);
    uncoveredDeductionsFen = Math.min(facts.deductionsFen, Math.max(0, -owed));
    basis = 'audited-remainder';
  } else {
    computedFen = fenAtRate(terms.totalFen, milestone.shareBp);
  }
  if (facts.manualDecision) {
    assertFen('manualDecision.amountFen', facts.manualDecision.amountFen);
    return {
      amountFen: facts.manualDecision.amountFen,
      computedFen,
      basis: 'manual-decision',
      uncoveredDeductionsFen,
    };
  }
  return { amountFen: computedFen, computedFen, basis, uncoveredDeductionsFen };
}
