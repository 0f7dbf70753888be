import * as z from 'zod';
import { text } from './text-schemas.ts';
import { hospitalIdSchema, isoDateSchema, severitySchema } from '@weibao/domain';
import { listQuerySchema, ulidSchema, versionSchema } from './schemas.ts';

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

/**
 * The contract quarters (服务期季度) that end between `from` and `to` (dates in Asia/Shanghai), a
 * page of hospitals at a time: each quarter is counted whole, so consecutive ranges never count a
 * quarter twice.
 */
export const deductionSummaryQuerySchema = listQuerySchema
  .extend({ from: isoDateSchema, to: isoDateSchema })
  .refine((q) => q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期' });
/**
 * One page of hospitals' contract quarters with deductions, from the rollups (they follow the
 * ledger within seconds). `totalFen` stands for every hospital the caller sees, whatever the page.
 */
export const deductionSummarySchema = z.strictObject({
  items: z.array(
    z.strictObject({
      hospitalId: z.string(),
      contractId: z.string(),
      contractName: z.string(),
      /** The contract quarter's index, from 1 at the start of the term. */
      quarter: z.number().int().positive(),
      startsOn: z.string(),
      endsOn: z.string(),
      entries: z.number().int(),
      /** Deductions that stand. */
      amountFen: z.number().int(),
      /** Deductions withdrawn after a dispute upheld. */
      disputedFen: z.number().int(),
    }),
  ),
  /** The cursor of the next page of hospitals, or null on the last page. */
  next: z.string().nullable(),
  /** The standing deductions of those quarters of every hospital the caller sees. */
  totalFen: z.number().int(),
});
