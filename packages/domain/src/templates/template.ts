import type { ContractTerms, EscalationContact } from '../contract.ts';
import { addMonthsToDate, dayBefore } from '../dates.ts';

/** A contract's rules without the parts that belong to one hospital's signature (dates, amounts, people). */
export interface ContractTemplate {
  id: string;
  name: string;
  termMonths: number;
  coveredSystem: string;
  subsystemNames: string[];
  slaTargets: ContractTerms['slaTargets'];
  deductionRules: ContractTerms['deductionRules'];
  paymentMilestones: ContractTerms['paymentMilestones'];
  liquidatedDamages: ContractTerms['liquidatedDamages'];
  evaluation: ContractTerms['evaluation'];
  renewalLimit: number;
  renewalSourceText: string;
  obligations: ContractTerms['obligations'];
}

export interface ContractFromTemplateInput {
  totalFen: number;
  signedOn: string;
  /** Defaults to the day of signing (合同履行期限：自合同签订之日起). */
  startsOn?: string;
  name?: string;
  /** Per-subsystem amounts in fen; default: the total split evenly, remainder on the first ones. */
  subsystemAmountsFen?: number[];
  escalationContacts?: EscalationContact[];
}

/** Fills a template with one hospital's dates and amounts. */
export function contractFromTemplate(
  t: ContractTemplate,
  input: ContractFromTemplateInput,
): ContractTerms {
  const startsOn = input.startsOn ?? input.signedOn;
  const n = t.subsystemNames.length;
  const even = Math.floor(input.totalFen / n);
  const remainder = input.totalFen - even * n;
  const amounts =
    input.subsystemAmountsFen ?? t.subsystemNames.map((_, i) => even + (i < remainder ? 1 : 0));
  return {
    name: input.name ?? t.name,
    totalFen: input.totalFen,
    signedOn: input.signedOn,
    term: { startsOn, endsOn: dayBefore(addMonthsToDate(startsOn, t.termMonths)) },
    coveredSystem: t.coveredSystem,
    subsystems: t.subsystemNames.map((name, i) => ({
      id: `s${i + 1}`,
      name,
      amountFen: amounts[i] ?? 0,
    })),
    slaTargets: structuredClone(t.slaTargets),
    deductionRules: structuredClone(t.deductionRules),
    paymentMilestones: structuredClone(t.paymentMilestones),
    liquidatedDamages: { ...t.liquidatedDamages },
    evaluation: { ...t.evaluation },
    renewal: { count: 0, limit: t.renewalLimit, sourceText: t.renewalSourceText },
    obligations: structuredClone(t.obligations),
    escalationContacts: input.escalationContacts ?? [],
    calendarOverrides: [],
  };
}
