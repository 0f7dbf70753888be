import type { ContractTerms, EscalationContact } from '../contract.ts';
import { addMonthsToDate, dayBefore } from '../dates.ts';

/** A contract's rules without the parts that belong to one hospital's signature (dates, amounts, people). */
export interface ContractTemplate {
  id: string;
  name: string;
  termMonths: number;
  coveredSystem: string;
  subsystemNames: string[];
  /** The budget the document names (项目预算), offered when a contract is created from it. */
  defaultTotalFen?: number;
  /** Each subsystem's share of the total in basis points (adding up to 10000); default: even split. */
  subsystemShareBp?: number[];
  emailDateHeaderToleranceMinutes?: number;
  /** 允许暂停计时 for contracts made from it; absent: not allowed. */
  slaPauseAllowed?: boolean;
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
  /** Defaults to the template's defaultTotalFen. */
  totalFen?: number;
  signedOn: string;
  /** Defaults to the day of signing (合同履行期限：自合同签订之日起). */
  startsOn?: string;
  name?: string;
  /** 合同编号 of the signed contract. */
  number?: string;
  /** Per-subsystem amounts in fen; default: the template's shares, else the total split evenly. */
  subsystemAmountsFen?: number[];
  escalationContacts?: EscalationContact[];
  serviceManager?: { name: string; email: string } | null;
  evaluators?: ContractTerms['evaluators'];
}

/**
 * How every template reads its monthly clean-up clause (清理日志): logs are archived and rotated,
 * never deleted before six months, which the Cybersecurity Law (网络安全法, art. 21) requires of
 * network logs; only disk junk, fragments and temporary files are removed.
 */
export const logCleanUpReading =
  '解读：日志先归档、再轮转，不删除未满六个月（180天）的日志（《网络安全法》第二十一条：网络日志留存不少于六个月）；清理的只是磁盘垃圾、碎片和临时文件。';

/** Fills a template with one hospital's dates and amounts. */
export function contractFromTemplate(
  t: ContractTemplate,
  input: ContractFromTemplateInput,
): ContractTerms {
  const startsOn = input.startsOn ?? input.signedOn;
  const totalFen = input.totalFen ?? t.defaultTotalFen;
  if (totalFen === undefined) {
    throw new RangeError(`template ${t.id} names no total; give totalFen`);
  }
  const amounts = input.subsystemAmountsFen ?? subsystemAmounts(t, totalFen);
  if (amounts.length !== t.subsystemNames.length) {
    throw new RangeError(
      `template ${t.id} has ${t.subsystemNames.length} subsystems, got ${amounts.length} amounts`,
    );
  }
  return {
    name: input.name ?? t.name,
    ...(input.number ? { number: input.number } : {}),
    totalFen,
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
    serviceManager: input.serviceManager ?? null,
    ...(input.evaluators ? { evaluators: input.evaluators } : {}),
    calendarOverrides: [],
    ...(input.evaluators ? { evaluators: structuredClone(input.evaluators) } : {}),
    ...(t.emailDateHeaderToleranceMinutes === undefined
      ? {}
      : { emailDateHeaderToleranceMinutes: t.emailDateHeaderToleranceMinutes }),
    ...(t.slaPauseAllowed === undefined ? {} : { slaPause: { allowed: t.slaPauseAllowed } }),
  };
}

/**
 * Splits the total by the template's shares, rounding down, then gives the fen left over one each
 * to the largest remainders (ties: the earlier subsystem), so the amounts add up to the total
 * exactly and each is within a fen of its share. Without shares: an even split.
 */
export function subsystemAmounts(t: ContractTemplate, totalFen: number): number[] {
  const shares = t.subsystemShareBp ?? t.subsystemNames.map(() => 1);
  const whole = BigInt(shares.reduce((a, b) => a + b, 0));
  if (shares.length !== t.subsystemNames.length || whole <= 0n) {
    throw new RangeError(`template ${t.id} needs one positive share per subsystem`);
  }
  const exact = shares.map((share) => BigInt(totalFen) * BigInt(share));
  const amounts = exact.map((x) => Number(x / whole));
  const byRemainder = exact
    .map((x, i) => ({ i, remainder: x % whole }))
    .sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  let left = totalFen - amounts.reduce((a, b) => a + b, 0);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    amounts[i] = (amounts[i] as number) + 1;
    left -= 1;
  }
  return amounts;
}
