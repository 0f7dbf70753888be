import * as z from 'zod';
import { line, text } from './text-schemas.ts';
import { deliverableItemIds, hospitalIdSchema, maxDeliverableBytes, ratings } from '@weibao/domain';
import { ulidSchema } from './schemas.ts';

const count = z.number().int().min(0).max(1_000_000);
/** 0: nothing was recorded yet (the first change creates the record). */
const versionOrNew = z.number().int().min(0);
const who = z.strictObject({
  sub: z.string(),
  email: z.string().nullable(),
  role: z.string(),
  name: z.string().optional(),
});

/** q1, q2, … (a quarter of the contract, from its start date) or annual (the whole term). */
export const evaluationIdSchema = z.string().regex(/^(q[1-9]\d?|annual)$/, 'q1, q2, … or annual');
export const evaluationParamsSchema = z.strictObject({
  hospitalId: hospitalIdSchema,
  contractId: ulidSchema,
  evaluationId: evaluationIdSchema,
});

const ratingSchema = z.enum(ratings);
const sectionRatingSchema = z.strictObject({
  spotCheckRating: ratingSchema,
  adverseEventRating: ratingSchema,
  rating: ratingSchema,
});
const bySeverity = <T extends z.ZodType>(t: T) =>
  z.strictObject({ fatal: t, serious: t, minor: t });
const periodSchema = z.strictObject({
  kind: z.enum(['quarter', 'annual']),
  index: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
});
const partSchema = z.strictObject({
  spotChecks: z.strictObject({ sampled: z.number().int(), passed: z.number().int() }),
  adverseEvents: z.number().int(),
  note: z.string().nullable(),
  enteredAt: z.string(),
  enteredBy: who,
  via: z.enum(['app', 'link']),
});
const disputeSubjectSchema = z.enum([
  'late-responses',
  'vendor-faults',
  'service-level',
  'service-quality',
]);

export const evaluationSchema = z.strictObject({
  id: z.string(),
  hospitalId: z.string(),
  contractId: z.string(),
  period: periodSchema,
  figures: z.strictObject({
    period: z.strictObject({ index: z.number().int(), startsOn: z.string(), endsOn: z.string() }),
    lateResponses: z.number().int(),
    lateResponseDeductionFen: z.number().int(),
    vendorFaultsWithoutNotice: bySeverity(z.number().int()),
    vendorFaultDeductionFen: z.number().int(),
    totalDeductionFen: z.number().int(),
    entryIds: z.array(z.string()),
  }),
  tickets: z.strictObject({
    lateResponses: z.array(z.string()),
    vendorFaultsWithoutNotice: bySeverity(z.array(z.string())),
  }),
  serviceLevel: partSchema.nullable(),
  serviceQuality: partSchema.nullable(),
  rating: z
    .strictObject({
      serviceLevel: sectionRatingSchema,
      serviceQuality: sectionRatingSchema,
      overall: ratingSchema,
    })
    .nullable(),
  signatures: z.array(
    z.strictObject({
      role: z.enum(['supervisor', 'auditor']),
      sub: z.string(),
      email: z.string().nullable(),
      name: z.string().optional(),
      signedAt: z.string(),
      version: z.number().int(),
      contentSha256: z.string(),
    }),
  ),
  disputes: z.array(
    z.strictObject({
      id: z.string(),
      subject: disputeSubjectSchema,
      raisedAt: z.string(),
      raisedBy: who,
      reason: z.string(),
      evidence: z.string(),
      outcome: z
        .strictObject({
          decidedAt: z.string(),
          decidedBy: who,
          upheld: z.boolean(),
          note: z.string(),
        })
        .nullable(),
    }),
  ),
  status: z.enum(['draft', 'rated', 'signed']),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** An evaluation with the SHA-256 its content has now: what a signer confirms. */
export const evaluationWithHashSchema = z.strictObject({
  evaluation: evaluationSchema,
  contentSha256: z.string(),
});

/** 服务效果抽查 and 不良事件, as the department or the IT center enters them. */
const partFields = {
  spotChecks: z.strictObject({ sampled: count, passed: count }),
  adverseEvents: count,
  note: z.string().trim().max(2000).nullable().optional(),
};
export const evaluationPartInputSchema = z.strictObject({
  version: z.number().int().positive(),
  ...partFields,
});
export const evaluationPartByLinkSchema = z.strictObject({
  token: z.string().min(1).max(4000),
  ...partFields,
});
export const signEvaluationSchema = z.strictObject({
  version: z.number().int().positive(),
  /** The hash shown with the evaluation; when given, it must still be the content's. */
  contentSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex')
    .optional(),
});
export const evaluationDisputeInputSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('raise'),
    version: z.number().int().positive(),
    subject: disputeSubjectSchema,
    reason: text(5000),
    /** What shows the count is wrong: call logs, ticket numbers, the sheet's photo reference… */
    evidence: text(10_000),
  }),
  z.strictObject({
    action: z.literal('decide'),
    version: z.number().int().positive(),
    disputeId: z.string().max(20),
    upheld: z.boolean(),
    note: text(5000),
  }),
]);
export const evaluationLinksSentSchema = z.strictObject({
  sent: z.array(
    z.strictObject({
      section: z.enum(['serviceLevel', 'serviceQuality']),
      email: z.string(),
      expiresAt: z.string(),
    }),
  ),
});
export const evaluationLinkDescriptionSchema = z.strictObject({
  section: z.enum(['serviceLevel', 'serviceQuality']),
  hospitalName: z.string(),
  evaluation: evaluationSchema,
  email: z.string(),
  expiresAt: z.string(),
  /** The contract's pass-rate thresholds (bp): the page rates the entry as it is typed. */
  thresholds: z.strictObject({
    excellentBp: z.number().int(),
    goodBp: z.number().int(),
    qualifiedBp: z.number().int(),
  }),
});

export const deliverableItemSchema = z.enum(deliverableItemIds);
export const quarterParamsSchema = z.strictObject({
  hospitalId: hospitalIdSchema,
  contractId: ulidSchema,
  quarter: z.coerce.number().int().min(1).max(40),
});
export const deliverableParamsSchema = quarterParamsSchema.extend({ item: deliverableItemSchema });
const entrySchema = z.union([
  z.strictObject({
    state: z.enum(['attached', 'generated']),
    fileKey: z.string(),
    fileName: z.string(),
    recordedAt: z.string(),
    recordedBy: who,
  }),
  z.strictObject({
    state: z.literal('none'),
    reason: z.string(),
    recordedAt: z.string(),
    recordedBy: who,
  }),
]);
export const quarterDeliverablesSchema = z.strictObject({
  quarter: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  items: z.array(
    z.strictObject({
      id: deliverableItemSchema,
      nameZh: z.string(),
      always: z.boolean(),
      entry: entrySchema.nullable(),
    }),
  ),
  complete: z.boolean(),
  missing: z.array(deliverableItemSchema),
  completedAt: z.string().nullable(),
  version: z.number().int(),
});
export const deliverableUploadInputSchema = z.strictObject({
  fileName: line(200),
  contentType: z
    .string()
    .regex(/^[a-z]+\/[a-z0-9.+-]+$/i, 'a MIME type such as application/pdf')
    .max(100),
  /** Signed into the upload URL with the type: S3 stores exactly this many bytes or nothing. */
  sizeBytes: z
    .number()
    .int()
    .min(1, 'the file is empty')
    .max(
      maxDeliverableBytes,
      `at most ${maxDeliverableBytes} bytes (200 MB); split or compress the file`,
    ),
});
export const deliverableUploadSchema = z.strictObject({
  /** PUT the file here with exactly `headers` (the browser adds its length) before expiresAt. */
  uploadUrl: z.string(),
  headers: z.strictObject({ 'content-type': z.string() }),
  fileKey: z.string(),
  expiresAt: z.string(),
});
export const recordDeliverableSchema = z.discriminatedUnion('state', [
  z.strictObject({
    state: z.enum(['attached', 'generated']),
    version: versionOrNew,
    fileKey: z.string().min(1).max(1024),
    fileName: line(200),
  }),
  z.strictObject({ state: z.literal('none'), version: versionOrNew, reason: text(2000) }),
]);
export const deliverablesPackageSchema = z.strictObject({
  downloadUrl: z.string(),
  fileKey: z.string(),
  expiresAt: z.string(),
  bytes: z.number().int(),
  complete: z.boolean(),
  missing: z.array(deliverableItemSchema),
});
