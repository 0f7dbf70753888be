import type { ContractTerms } from '../contract.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { fenAtRate } from '../money.ts';

/**
 * 违约: the vendor gives no service it owed (missed-service), or the hospital does not pay after
 * a qualified evaluation (late-payment, the case the vendor claims).
 */
export interface Breach {
  kind: 'late-payment' | 'missed-service';
  /** The last day the duty could be met, e.g. the payment due date. */
  dueOn: string;
  /** The day it was met; null while still outstanding. */
  settledOn: string | null;
  /** 非乙方原因或乙方不可抗力因素: the vendor bears no damages for such a delay. */
  excused?: boolean;
}

export interface LiquidatedDamages {
  workingDaysLate: number;
  blocks: number;
  rateBp: number;
  amountFen: number;
  capped: boolean;
}

/**
 * 违约金每5个工作日为合同总价的1%，违约金的总额不超过合同总价的10%. Working days late are those
 * after the due date up to the settling day (or `asOn` while outstanding); by default only whole
 * blocks count (Reading; `liquidatedDamages.blocks: 'started'` counts a begun block).
 */
export function liquidatedDamages(
  terms: Pick<ContractTerms, 'totalFen' | 'liquidatedDamages'>,
  breach: Breach,
  asOn: string,
  calendar: WorkingDayCalendar,
): LiquidatedDamages {
  const ld = terms.liquidatedDamages;
  const until = breach.settledOn ?? asOn;
  const workingDaysLate = Math.max(0, calendar.workingDaysBetween(breach.dueOn, until));
  if (breach.excused && breach.kind === 'missed-service') {
    return { workingDaysLate, blocks: 0, rateBp: 0, amountFen: 0, capped: false };
  }
  const blocks =
    ld.blocks === 'started'
      ? Math.ceil(workingDaysLate / ld.perWorkingDays)
      : Math.floor(workingDaysLate / ld.perWorkingDays);
  const uncappedBp = blocks * ld.rateBp;
  const rateBp = Math.min(uncappedBp, ld.capBp);
  return {
    workingDaysLate,
    blocks,
    rateBp,
    amountFen: fenAtRate(terms.totalFen, rateBp),
    capped: uncappedBp > ld.capBp,
  };
}
