import {
  isVendorRole,
  packageStatus,
  shanghaiDateOf,
  sumFen,
  type PaymentMilestone,
} from '@weibao/domain';
import {
  deliverablesOfContract,
  evaluationsOfContract,
  paymentOfMilestone,
  paymentsOfContract,
  savePayment,
  type PaymentRecord,
} from '@weibao/store';
import { auditRecord } from '../audit-record.ts';
import { AppError } from '../errors.ts';
import { requireContract, standingEntries } from '../evaluations/evaluation-use-cases.ts';
import type { Actor, Deps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { checkVersion } from '../versioned-change.ts';
import { workingDayCalendar } from '../calendar/working-days.ts';
import { milestoneView, type MilestoneView } from './milestone-view.ts';
import { whoOf } from '../who.ts';

/** Everything the milestones of a contract depend on, read once. */
async function paymentFacts(deps: Deps, hospitalId: string, contractId: string) {
  const [contract, evaluations, packages, records, entries, calendar] = await Promise.all([
    requireContract(deps, hospitalId, contractId),
    evaluationsOfContract(deps.db, hospitalId, contractId),
    deliverablesOfContract(deps.db, hospitalId, contractId),
    paymentsOfContract(deps.db, hospitalId, contractId),
    standingEntries(deps, hospitalId, contractId),
    workingDayCalendar(deps),
  ]);
  const facts = {
    asOn: shanghaiDateOf(deps.clock.now().toISOString()),
    // Only a signed report counts (监理 and 审计 both signed).
    quarterEvaluations: evaluations.flatMap((e) =>
      e.period.kind === 'quarter' && e.status === 'signed' && e.rating
        ? [{ quarter: e.period.index, overall: e.rating.overall }]
        : [],
    ),
    deliverablesSubmitted: packages
      .filter((p) => packageStatus(p.items).complete)
      .map((p) => p.quarter),
    deductionsFen: sumFen(entries),
    records: new Map(records.map((r) => [r.milestoneId, r])),
  };
  return { contract, facts, calendar };
}

export function makeListPayments(deps: Deps) {
  /** The contract's milestones with live eligibility (and why not), amount, due date and damages. */
  return async (hospitalId: string, contractId: string): Promise<MilestoneView[]> => {
    const { contract, facts, calendar } = await paymentFacts(deps, hospitalId, contractId);
    return contract.terms.paymentMilestones.map((m) =>
      milestoneView(contract.terms, m, facts, calendar),
    );
  };
}

function emptyRecord(
  hospitalId: string,
  contractId: string,
  milestoneId: string,
  at: string,
): PaymentRecord {
  return {
    hospitalId,
    contractId,
    milestoneId,
    invoiceSentOn: null,
    invoiceNumber: null,
    invoiceReceivedOn: null,
    paidOn: null,
    paidFen: null,
    manualDecision: null,
    audit: null,
    history: [],
    version: 0,
    createdAt: at,
    updatedAt: at,
  };
}

/** Reads, checks the version (0: nothing recorded yet), applies, saves with its audit record. */
async function changeMilestone(
  deps: Deps,
  actor: Actor,
  hospitalId: string,
  contractId: string,
  milestoneId: string,
  version: number,
  action: string,
  change: (
    before: PaymentRecord,
    view: MilestoneView,
    milestone: PaymentMilestone,
    today: string,
  ) => Partial<PaymentRecord>,
): Promise<MilestoneView> {
  const { contract, facts, calendar } = await paymentFacts(deps, hospitalId, contractId);
  const milestone = contract.terms.paymentMilestones.find((m) => m.id === milestoneId);
  if (!milestone) throw new AppError('not-found', '付款节点不存在');
  const at = deps.clock.now().toISOString();
  const stored = await paymentOfMilestone(deps.db, hospitalId, contractId, milestoneId);
  const before = stored ?? emptyRecord(hospitalId, contractId, milestoneId, at);
  checkVersion(before.version, version, 'the payment milestone');
  const view = milestoneView(contract.terms, milestone, facts, calendar);
  const after: PaymentRecord = {
    ...before,
    ...change(before, view, milestone, facts.asOn),
    history: [...before.history, { at, by: whoOf(actor), action }],
    version: before.version + 1,
    updatedAt: at,
  };
  await mapStoreErrors('the payment milestone', () =>
    savePayment(
      deps.db,
      after,
      stored ? { kind: 'update', expectedVersion: stored.version } : { kind: 'create' },
      auditRecord(
        deps,
        actor,
        at,
        hospitalId,
        `payment.${action}`,
        { type: 'payment', id: `${contractId}:${milestoneId}` },
        stored ?? null,
        after,
      ),
    ),
  );
  const records = new Map(facts.records);
  records.set(milestoneId, after);
  return milestoneView(contract.terms, milestone, { ...facts, records }, calendar);
}

const notAfterToday = (on: string, today: string, path: string) => {
  if (on > today) throw new AppError('invalid', `${on} 晚于今天`, { path });
};

export type PaymentEventInput = { version: number; on: string } & (
  | { action: 'invoice-sent'; invoiceNumber?: string | undefined }
  | { action: 'invoice-received' }
  | { action: 'paid'; amountFen: number }
);

export function makeRecordPaymentEvent(deps: Deps) {
  /**
   * 开票 / 收票 / 付款. The vendor sends the invoice, only when the milestone is eligible; the
   * hospital's IT center (or the vendor, from the hospital's receipt) records receipt and payment.
   * Receipt starts the 10-working-day clock; a payment after it accrues 违约金.
   */
  return async (
    actor: Actor,
    hospitalId: string,
    contractId: string,
    milestoneId: string,
    input: PaymentEventInput,
  ): Promise<MilestoneView> => {
    if (input.action === 'invoice-sent' && !isVendorRole(actor.role))
      throw new AppError('forbidden', '开票由厂商登记');
    return changeMilestone(
      deps,
      actor,
      hospitalId,
      contractId,
      milestoneId,
      input.version,
      input.action,
      (before, view, _m, today) => {
        notAfterToday(input.on, today, 'on');
        const eligible = view.eligibility.status === 'eligible';
        switch (input.action) {
          case 'invoice-sent': {
            if (!eligible) {
              const reasons =
                view.eligibility.status === 'eligible' ? [] : view.eligibility.reasons;
              throw new AppError(
                'conflict',
                `该付款节点尚不能开票：${reasons.map((r) => r.message).join('；')}`,
                { path: 'action' },
              );
            }
            if (input.on < view.eligibility.invoiceableFrom)
              throw new AppError(
                'invalid',
                `该付款节点自 ${view.eligibility.invoiceableFrom} 起方可开票`,
                { path: 'on' },
              );
            return { invoiceSentOn: input.on, invoiceNumber: input.invoiceNumber ?? null };
          }
          case 'invoice-received':
            if (!eligible)
              throw new AppError('conflict', '该付款节点尚不能开票，因此不能登记收票', {
                path: 'action',
              });
            if (before.invoiceSentOn && input.on < before.invoiceSentOn)
              throw new AppError(
                'invalid',
                `发票于 ${before.invoiceSentOn} 开出，收票日期不能早于开票日期`,
                { path: 'on' },
              );
            return { invoiceReceivedOn: input.on };
          case 'paid':
            if (before.paidOn)
              throw new AppError('conflict', `该付款节点已于 ${before.paidOn} 登记为已付款`, {
                path: 'action',
              });
            return { paidOn: input.on, paidFen: input.amountFen };
        }
      },
    );
  };
}

export type MilestoneDecisionInput = { version: number } & (
  | { kind: 'manual-decision'; amountFen: number; decidedOn: string; reportReference: string }
  | { kind: 'audit'; auditedTotalFen: number; auditedOn: string }
);

export function makeRecordMilestoneDecision(deps: Deps) {
  /**
   * 监理 / 审计: the amount their report sets when an evaluation was unqualified (按监理和审计出具
   * 报告执行), or the audited total (总合同审定金额) the final payment waits for.
   */
  return async (
    actor: Actor,
    hospitalId: string,
    contractId: string,
    milestoneId: string,
    input: MilestoneDecisionInput,
  ): Promise<MilestoneView> => {
    const by = whoOf(actor);
    return changeMilestone(
      deps,
      actor,
      hospitalId,
      contractId,
      milestoneId,
      input.version,
      input.kind,
      (_b, _v, milestone, today) => {
        if (input.kind === 'audit') {
          if (milestone.kind !== 'final')
            throw new AppError('invalid', '审定总额只用于验收款', {
              path: 'kind',
            });
          notAfterToday(input.auditedOn, today, 'auditedOn');
          return {
            audit: {
              auditedTotalFen: input.auditedTotalFen,
              auditedOn: input.auditedOn,
              recordedBy: by,
            },
          };
        }
        notAfterToday(input.decidedOn, today, 'decidedOn');
        return {
          manualDecision: {
            amountFen: input.amountFen,
            decidedOn: input.decidedOn,
            reportReference: input.reportReference,
            decidedBy: by,
          },
        };
      },
    );
  };
}
