import {
  calendarForContract,
  nextReminder,
  reminderInstantOn,
  shanghaiDateOf,
  type WorkingDayCalendar,
} from '@weibao/domain';
import type { ContractRecord, ObligationRecord } from '@weibao/store';
import type { ObligationSchedule } from '../ports.ts';

/** `obl-<contractId>-<obligationId>`: one reminder schedule per obligation, moved on to its next point. */
export const reminderScheduleName = (contractId: string, obligationId: string) =>
  `obl-${contractId}-${obligationId}`;
/** `evr-<contractId>-<quarter>`: the evaluation request of one quarter. */
export const evaluationRequestScheduleName = (contractId: string, quarter: number) =>
  `evr-${contractId}-${quarter}`;

const isLiveOpen = (o: ObligationRecord) => o.deletedAt === null && o.doneOn === null;
const ownerOf = (o: ObligationRecord) => ({
  hospitalId: o.hospitalId,
  contractId: o.contractId,
  obligationId: o.id,
});

/** The reminder an obligation needs now, or null (done, removed, none left, calendar gap). */
export function reminderScheduleOf(
  contract: ContractRecord,
  o: ObligationRecord,
  nowMs: number,
  calendar: WorkingDayCalendar,
): ObligationSchedule | null {
  if (!isLiveOpen(o) || contract.deletedAt) return null;
  const next = nextReminder(o.dueOn, calendarForContract(contract.terms, calendar), ownerOf(o), {
    nowMs,
    opensOn:
      contract.terms.term.startsOn < contract.terms.signedOn
        ? contract.terms.term.startsOn
        : contract.terms.signedOn,
    doneOn: o.doneOn,
    sent: o.remindersSent,
  });
  if (!next) return null;
  return {
    name: reminderScheduleName(o.contractId, o.id),
    atMs: next.atMs,
    payload: {
      kind: 'obligation-reminder',
      hospitalId: o.hospitalId,
      contractId: o.contractId,
      obligationId: o.id,
      reminderKey: next.key,
    },
    description: `reminder ${next.key} of obligation ${o.id} of contract ${o.contractId}`,
  };
}

/**
 * A quarterly evaluation's request to the hospital's evaluators, while it is still to be sent: on
 * the quarter's last day (Reading of 每季度), at the obligation's second of the reminder window.
 */
export function evaluationRequestScheduleOf(
  contract: ContractRecord,
  o: ObligationRecord,
  nowMs: number,
): ObligationSchedule | null {
  if (o.kind !== 'quarterly-evaluation' || o.deletedAt !== null || contract.deletedAt) return null;
  if (o.evaluationRequestedAt !== null || o.doneOn !== null) return null;
  const day = o.period.endsOn;
  if (day < shanghaiDateOf(nowMs)) return null;
  return {
    name: evaluationRequestScheduleName(o.contractId, o.sequence),
    atMs: Math.max(reminderInstantOn(day, ownerOf(o)), nowMs),
    payload: {
      kind: 'evaluation-request',
      hospitalId: o.hospitalId,
      contractId: o.contractId,
      obligationId: o.id,
      quarter: o.sequence,
    },
    description: `evaluation request of quarter ${o.sequence} of contract ${o.contractId}`,
  };
}

/** The names an obligation can have a schedule under, whatever its state. */
export function scheduleNamesOf(
  o: Pick<ObligationRecord, 'contractId' | 'id' | 'kind' | 'sequence'>,
) {
  return [
    reminderScheduleName(o.contractId, o.id),
    ...(o.kind === 'quarterly-evaluation'
      ? [evaluationRequestScheduleName(o.contractId, o.sequence)]
      : []),
  ];
}

/** Makes the schedules of these obligations exactly what they need now: put the wanted, remove the rest. */
export function desiredSchedules(
  contract: ContractRecord,
  obligations: ObligationRecord[],
  nowMs: number,
  /** The statutory calendar with the entered years (workingDayCalendar). */
  calendar: WorkingDayCalendar,
): { put: ObligationSchedule[]; remove: string[] } {
  const put: ObligationSchedule[] = [];
  const remove: string[] = [];
  for (const o of obligations) {
    const wanted = [
      reminderScheduleOf(contract, o, nowMs, calendar),
      evaluationRequestScheduleOf(contract, o, nowMs),
    ].filter((s): s is ObligationSchedule => s !== null);
    put.push(...wanted);
    const names = new Set(wanted.map((s) => s.name));
    remove.push(...scheduleNamesOf(o).filter((n) => !names.has(n)));
  }
  return { put, remove };
}
