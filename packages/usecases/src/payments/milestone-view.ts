import {
  CalendarYearNotPublishedError,
  calendarForContract,
  liquidatedDamages,
  milestoneAmount,
  milestoneEligibility,
  paymentDueOn,
  type ContractTerms,
  type LiquidatedDamages,
  type MilestoneAmount,
  type MilestoneEligibility,
  type PaymentMilestone,
  type Rating,
  type WorkingDayCalendar,
} from '@weibao/domain';
import type { PaymentRecord } from '@weibao/store';

export interface MilestoneFactsFromRecord {
  asOn: string;
  /** Overall result of each signed quarterly evaluation. */
  quarterEvaluations: { quarter: number; overall: Rating }[];
  /** Quarters whose deliverables package is complete. */
  deliverablesSubmitted: number[];
  /** Sum of the contract's deductions that stand. */
  deductionsFen: number;
  /** The recorded state of every milestone of the contract, by milestone id. */
  records: ReadonlyMap<string, PaymentRecord>;
}

/** One payment milestone as the vendor and the hospital see it: may it be invoiced, how much, when due, how late. */
export interface MilestoneView {
  milestone: PaymentMilestone;
  eligibility: MilestoneEligibility;
  /** null with amountNote when the rules cannot give an amount yet (the final one before the audit). */
  amount: MilestoneAmount | null;
  amountNote: string | null;
  deductionsFen: number;
  record: PaymentRecord | null;
  /** 收到发票后10个工作日内: null until the invoice is received. */
  dueOn: string | null;
  /** 违约金 the vendor may claim for a late payment; null while nothing is overdue. */
  liquidatedDamages: LiquidatedDamages | null;
  /** Why a date could not be counted (a year without a published holiday calendar). */
  calendarNote: string | null;
}

/** Pure: the view of one milestone from the contract's terms and what was recorded. */
export function milestoneView(
  terms: ContractTerms,
  milestone: PaymentMilestone,
  facts: MilestoneFactsFromRecord,
  base?: WorkingDayCalendar,
): MilestoneView {
  const record = facts.records.get(milestone.id) ?? null;
  const final = terms.paymentMilestones.find((m) => m.kind === 'final');
  const audit = final ? (facts.records.get(final.id)?.audit ?? null) : null;
  const eligibility = milestoneEligibility(terms, milestone, {
    asOn: facts.asOn,
    quarterEvaluations: facts.quarterEvaluations,
    deliverablesSubmitted: facts.deliverablesSubmitted,
    auditDone: audit !== null,
    manualDecision: record?.manualDecision ?? null,
  });
  const paidFen = [...facts.records.values()]
    .filter((r) => r.milestoneId !== milestone.id)
    .reduce((s, r) => s + (r.paidFen ?? 0), 0);
  let amount: MilestoneAmount | null = null;
  let amountNote: string | null = null;
  if (milestone.kind === 'final' && audit === null) {
    // Said as the finance office reads it, in the amount's place (the domain's check is English).
    amountNote = '验收款按审定总额支付：审计确认审定总额后方可计算';
  } else {
    try {
      amount = milestoneAmount(terms, milestone, {
        auditedTotalFen: audit?.auditedTotalFen ?? null,
        paidFen,
        deductionsFen: facts.deductionsFen,
        manualDecision: record?.manualDecision ?? null,
      });
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      amountNote = '金额暂无法计算：付款记录不完整';
    }
  }
  let dueOn: string | null = null;
  let damages: LiquidatedDamages | null = null;
  let calendarNote: string | null = null;
  if (record?.invoiceReceivedOn) {
    try {
      const calendar = calendarForContract(terms, base);
      dueOn = paymentDueOn(record.invoiceReceivedOn, milestone, calendar);
      const settledOn = record.paidOn;
      if ((settledOn ?? facts.asOn) > dueOn) {
        damages = liquidatedDamages(
          terms,
          { kind: 'late-payment', dueOn, settledOn },
          facts.asOn,
          calendar,
        );
      }
    } catch (err) {
      if (!(err instanceof CalendarYearNotPublishedError)) throw err;
      calendarNote = err.message;
    }
  }
  return {
    milestone,
    eligibility,
    amount,
    amountNote,
    deductionsFen: facts.deductionsFen,
    record,
    dueOn,
    liquidatedDamages: damages,
    calendarNote,
  };
}
