import * as z from 'zod';
import { text } from './text-schemas.ts';
import { hospitalIdSchema, isoDateSchema, paymentMilestoneSchema } from '@weibao/domain';
import { ulidSchema } from './schemas.ts';

const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** 0: nothing was recorded yet (the first change creates the record). */
const versionOrNew = z.number().int().min(0);
const who = z.strictObject({
  sub: z.string(),
  email: z.string().nullable(),
  role: z.string(),
  name: z.string().optional(),
});

export const milestoneParamsSchema = z.strictObject({
  hospitalId: hospitalIdSchema,
  contractId: ulidSchema,
  milestoneId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a milestone id of the contract'),
});
const reasonSchema = z.strictObject({
  code: z.string(),
  message: z.string(),
  invoiceableFrom: z.string().optional(),
  quarters: z.array(z.number().int()).optional(),
  periods: z.array(z.number().int()).optional(),
});
export const milestoneViewSchema = z.strictObject({
  milestone: paymentMilestoneSchema,
  eligibility: z.strictObject({
    status: z.enum(['eligible', 'awaiting-manual-decision', 'not-eligible']),
    invoiceableFrom: z.string(),
    basis: z.enum(['rules', 'manual-decision']).optional(),
    reasons: z.array(reasonSchema).optional(),
  }),
  amount: z
    .strictObject({
      amountFen: z.number().int(),
      computedFen: z.number().int(),
      basis: z.enum(['share-of-total', 'audited-remainder', 'manual-decision']),
      uncoveredDeductionsFen: z.number().int(),
    })
    .nullable(),
  amountNote: z.string().nullable(),
  deductionsFen: z.number().int(),
  record: z
    .strictObject({
      hospitalId: z.string(),
      contractId: z.string(),
      milestoneId: z.string(),
      invoiceSentOn: z.string().nullable(),
      invoiceNumber: z.string().nullable(),
      invoiceReceivedOn: z.string().nullable(),
      paidOn: z.string().nullable(),
      paidFen: z.number().int().nullable(),
      manualDecision: z
        .strictObject({
          amountFen: z.number().int(),
          decidedOn: z.string(),
          reportReference: z.string(),
          decidedBy: who,
        })
        .nullable(),
      audit: z
        .strictObject({ auditedTotalFen: z.number().int(), auditedOn: z.string(), recordedBy: who })
        .nullable(),
      history: z.array(z.strictObject({ at: z.string(), by: who, action: z.string() })),
      version: z.number().int(),
      createdAt: z.string(),
      updatedAt: z.string(),
    })
    .nullable(),
  dueOn: z.string().nullable(),
  liquidatedDamages: z
    .strictObject({
      workingDaysLate: z.number().int(),
      blocks: z.number().int(),
      rateBp: z.number().int(),
      amountFen: z.number().int(),
      capped: z.boolean(),
    })
    .nullable(),
  calendarNote: z.string().nullable(),
});
export const paymentEventInputSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('invoice-sent'),
    version: versionOrNew,
    on: isoDateSchema,
    invoiceNumber: z.string().trim().min(1).max(100).optional(),
  }),
  z.strictObject({
    action: z.literal('invoice-received'),
    version: versionOrNew,
    on: isoDateSchema,
  }),
  z.strictObject({
    action: z.literal('paid'),
    version: versionOrNew,
    on: isoDateSchema,
    amountFen: fen,
  }),
]);
export const milestoneDecisionInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('manual-decision'),
    version: versionOrNew,
    amountFen: fen,
    decidedOn: isoDateSchema,
    reportReference: text(500),
  }),
  z.strictObject({
    kind: z.literal('audit'),
    version: versionOrNew,
    auditedTotalFen: fen,
    auditedOn: isoDateSchema,
  }),
]);
