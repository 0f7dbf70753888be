import * as z from 'zod';
import { defineRoute, routeIn, type RouteDef } from '../route.ts';
import * as s from '../schemas.ts';
import * as p from '../schemas-payments.ts';
import { ledgerReaders } from './access-groups.ts';

const paymentsPath = '/api/hospitals/{hospitalId}/contracts/{contractId}/payments';

/** Payment milestones of a contract: events and the hospital’s decisions. */
export const routes = [
  defineRoute({
    operationId: 'listPayments',
    method: 'GET',
    path: paymentsPath,
    handler: 'payments/list-payments',
    summary:
      'Payment milestones with live eligibility and the reasons when not, amount after deductions, due date and liquidated damages',
    access: { kind: 'hospital', roles: ledgerReaders },
    params: s.contractParamsSchema,
    response: z.strictObject({ items: z.array(p.milestoneViewSchema) }),
  }),
  defineRoute({
    operationId: 'recordPaymentEvent',
    method: 'POST',
    path: `${paymentsPath}/{milestoneId}/events`,
    handler: 'payments/record-payment-event',
    summary:
      'Record the invoice sent (vendor, only when eligible), the invoice received or the payment (vendor or IT center)',
    access: { kind: 'hospital', roles: ['vendor-admin', 'service-manager', 'hospital-it'] },
    params: p.milestoneParamsSchema,
    body: p.paymentEventInputSchema,
    response: p.milestoneViewSchema,
  }),
  defineRoute({
    operationId: 'recordMilestoneDecision',
    method: 'POST',
    path: `${paymentsPath}/{milestoneId}/decisions`,
    handler: 'payments/record-milestone-decision',
    summary:
      'The supervisor or auditor records the amount their report sets, or the audited total the final payment waits for',
    access: { kind: 'hospital', roles: ['supervisor', 'auditor'] },
    params: p.milestoneParamsSchema,
    body: p.milestoneDecisionInputSchema,
    response: p.milestoneViewSchema,
  }),
] as const satisfies readonly RouteDef[];

/** One route of this capability, with its literal types; a handler imports only this module's schemas. */
export function route<Id extends (typeof routes)[number]['operationId']>(id: Id) {
  return routeIn(routes, id);
}
