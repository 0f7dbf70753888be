import type { ContractTerms, PaymentMilestone } from '../contract.ts';
import { type Rating, isQualifiedOrBetter } from '../evaluations/rating.ts';
import { cadenceMonths } from '../obligations/cadence.ts';
import { quarterPeriods, servicePeriods, type ServicePeriod } from '../service-periods.ts';
import { invoiceableFrom } from './invoiceable-from.ts';
import type { ManualDecision } from './manual-decision.ts';

export interface MilestoneFacts {
  /** The day the question is asked. */
  asOn: string;
  /** Overall result of each quarter's 维保服务评价报告 signed so far, by quarter number. */
  quarterEvaluations: readonly { quarter: number; overall: Rating }[];
  /** Period numbers of the 项目提交物 packages submitted (periods of the deliverables obligation). */
  deliverablesSubmitted: readonly number[];
  /** 经审计确认: the final milestone waits for the audit. */
  auditDone: boolean;
  manualDecision: ManualDecision | null;
}

export type IneligibleReason =
  | { code: 'not-yet-invoiceable'; invoiceableFrom: string; message: string }
  | { code: 'evaluation-missing'; quarters: number[]; message: string }
  | { code: 'evaluation-unqualified'; quarters: number[]; message: string }
  | { code: 'deliverables-missing'; periods: number[]; message: string }
  | { code: 'audit-pending'; message: string };

export type MilestoneEligibility =
  | { status: 'eligible'; invoiceableFrom: string; basis: 'rules' | 'manual-decision' }
  /** Only an unqualified evaluation stands in the way: the supervisor's and auditor's report decides. */
  | {
      status: 'awaiting-manual-decision';
      invoiceableFrom: string;
      reasons: IneligibleReason[];
    }
  | { status: 'not-eligible'; invoiceableFrom: string; reasons: IneligibleReason[] };

type Terms = Pick<ContractTerms, 'signedOn' | 'term' | 'obligations'>;

const endedBefore = (periods: ServicePeriod[], day: string) =>
  periods.filter((p) => p.endsOn < day);

/** The deliverables obligation's periods; quarterly (服务期每三个月) when the contract lists none. */
function deliverablesPeriods(terms: Terms): ServicePeriod[] {
  const rule = terms.obligations.find((o) => o.kind === 'deliverables');
  const months = rule ? cadenceMonths(rule.cadence, terms.term) : 3;
  return servicePeriods(terms.term, months);
}

/**
 * Whether a payment milestone may be invoiced, and if not, every reason why. 前序季度《维保服务
 * 评价报告》均为合格及以上，并提交所有项目提交物: every quarter and deliverables period that ended
 * before the milestone became invoiceable must be evaluated qualified or better and submitted.
 */
export function milestoneEligibility(
  terms: Terms,
  milestone: PaymentMilestone,
  facts: MilestoneFacts,
): MilestoneEligibility {
  const from = invoiceableFrom(terms, milestone);
  const reasons: IneligibleReason[] = [];
  if (facts.asOn < from) {
    reasons.push({
      code: 'not-yet-invoiceable',
      invoiceableFrom: from,
      message: `${from}起方可开票`,
    });
  }
  if (milestone.requiresQualifiedEvaluations) {
    const earlier = endedBefore(quarterPeriods(terms.term), from).map((q) => q.index);
    const byQuarter = new Map(facts.quarterEvaluations.map((e) => [e.quarter, e.overall]));
    const missing = earlier.filter((q) => !byQuarter.has(q));
    if (missing.length) {
      reasons.push({
        code: 'evaluation-missing',
        quarters: missing,
        message: `第${missing.join('、')}季度《维保服务评价报告》尚未完成`,
      });
    }
    const unqualified = earlier.filter((q) => {
      const r = byQuarter.get(q);
      return r !== undefined && !isQualifiedOrBetter(r);
    });
    if (unqualified.length) {
      reasons.push({
        code: 'evaluation-unqualified',
        quarters: unqualified,
        message: `第${unqualified.join('、')}季度评价不合格，按监理和审计出具报告执行`,
      });
    }
  }
  if (milestone.requiresDeliverables) {
    const submitted = new Set(facts.deliverablesSubmitted);
    const missing = endedBefore(deliverablesPeriods(terms), from)
      .map((p) => p.index)
      .filter((i) => !submitted.has(i));
    if (missing.length) {
      reasons.push({
        code: 'deliverables-missing',
        periods: missing,
        message: `第${missing.join('、')}期项目提交物尚未提交`,
      });
    }
  }
  if (milestone.invoiceableWhen.kind === 'term-end' && !facts.auditDone) {
    reasons.push({ code: 'audit-pending', message: '尚未经审计确认' });
  }

  const blocking = reasons.filter((r) => r.code !== 'evaluation-unqualified');
  if (blocking.length) return { status: 'not-eligible', invoiceableFrom: from, reasons };
  if (reasons.length === 0) return { status: 'eligible', invoiceableFrom: from, basis: 'rules' };
  if (facts.manualDecision) {
    return { status: 'eligible', invoiceableFrom: from, basis: 'manual-decision' };
  }
  return { status: 'awaiting-manual-decision', invoiceableFrom: from, reasons };
}
