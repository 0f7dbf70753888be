import { renewContract, renewalEligibility } from '@weibao/domain';
import { evaluationById, type ContractRecord } from '@weibao/store';
import { AppError } from '../errors.ts';
import { requireContract } from '../evaluations/evaluation-use-cases.ts';
import type { Actor, PlanningDeps } from '../ports.ts';
import { makeCreateContract } from './contract-use-cases.ts';

export function makeRenewContract(deps: PlanningDeps) {
  /**
   * 续签: after a qualified annual evaluation (signed by 监理 and 审计), a new contract on the same
   * terms for the next term, at most `renewal.limit` times. It goes through the ordinary create,
   * so whatever a new contract sets up (its obligations calendar) happens for a renewal too; the
   * old contract's id is the idempotency key, so renewing it twice gives the one renewal.
   */
  return async (
    actor: Actor,
    hospitalId: string,
    contractId: string,
    input: { signedOn: string },
  ): Promise<{ contract: ContractRecord; created: boolean }> => {
    const old = await requireContract(deps, hospitalId, contractId);
    const annual = await evaluationById(deps.db, hospitalId, contractId, 'annual');
    const overall = annual?.status === 'signed' && annual.rating ? annual.rating.overall : null;
    const eligibility = renewalEligibility(old.terms, overall);
    if (!eligibility.eligible)
      throw new AppError(
        'conflict',
        `该合同暂不能续签：${eligibility.reasons.map((r) => r.message).join('；')}`,
        { path: 'contractId' },
      );
    if (input.signedOn < old.terms.signedOn)
      throw new AppError('invalid', '续签日期早于原合同', {
        path: 'signedOn',
      });
    return makeCreateContract(deps)(
      actor,
      hospitalId,
      renewContract(old.terms, input.signedOn),
      `renewal-of-${contractId}`,
    );
  };
}
