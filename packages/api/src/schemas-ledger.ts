import * as z from 'zod';
import { text } from './text-schemas.ts';
import { hospitalIdSchema, severitySchema } from '@weibao/domain';
import { ulidSchema, versionSchema } from './schemas.ts';

export const ledgerEntryParamsSchema = z.strictObject({
  hospitalId: hospitalIdSchema,
  contractId: ulidSchema,
  entryId: z.string().regex(/^[a-z0-9-]{1,64}:[0-9A-HJKMNP-TV-Z]{26}$/, 'not a ledger entry id'),
});
export const ledgerEntrySchema = z.strictObject({
  id: z.string(),
  hospitalId: z.string(),
  contractId: z.string(),
  ruleId: z.string(),
  trigger: z.string(),
  ticketId: z.string(),
  /** The ticket's number; absent on entries booked before it was kept. */
  ticketNumber: z.string().optional(),
  eventId: z.string(),
  severity: severitySchema,
  subsystemId: z.string().nullable(),
  reportedAt: z.string(),
  occurredAt: z.string(),
  baseFen: z.number().int(),
  rateBp: z.number().int(),
  amountFen: z.number().int(),
  capped: z.boolean(),
  reason: z.string(),
  sourceText: z.string(),
  bookedAt: z.string(),
  disputes: z.array(
    z.strictObject({
      id: z.string(),
      raisedAt: z.string(),
      raisedBy: z.strictObject({
        sub: z.string(),
        email: z.string().nullable(),
        role: z.string(),
        name: z.string().optional(),
      }),
      reason: z.string(),
      outcome: z
        .strictObject({
          decidedAt: z.string(),
          decidedBy: z.strictObject({
            sub: z.string(),
            email: z.string().nullable(),
            role: z.string(),
            name: z.string().optional(),
          }),
          upheld: z.boolean(),
          note: z.string(),
        })
        .nullable(),
    }),
  ),
  version: z.number().int(),
});

export const disputeInputSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('raise'), version: versionSchema, reason: text(5000) }),
  z.strictObject({
    action: z.literal('decide'),
    version: versionSchema,
    disputeId: z.string().max(20),
    upheld: z.boolean(),
    note: text(5000),
  }),
]);

export const deductionSummaryQuerySchema = z.strictObject({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'),
});
export const deductionSummarySchema = z.strictObject({
  items: z.array(
    z.strictObject({
      hospitalId: z.string(),
      contractId: z.string(),
      quarter: z.number().int(),
      entries: z.number().int(),
      amountFen: z.number().int(),
      disputedFen: z.number().int(),
    }),
  ),
  totalFen: z.number().int(),
});
