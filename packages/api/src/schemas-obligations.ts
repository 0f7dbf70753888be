import * as z from 'zod';
import { line, text } from './text-schemas.ts';
import { hospitalIdSchema, isoDateSchema, obligationKinds } from '@weibao/domain';
import { fileUploadRequestSchema } from './schemas-uploads.ts';
import { listQuerySchema, ulidSchema, versionSchema } from './schemas.ts';

const isoInstant = z.iso.datetime({ offset: true });
const who = z.strictObject({
  sub: z.string(),
  email: z.string().nullable(),
  role: z.string(),
  name: z.string().optional(),
});

/** Obligation ids come from the plan: inspection-2, payment-progress, … */
export const obligationIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'not an obligation id');

export const obligationParamsSchema = z.strictObject({
  hospitalId: hospitalIdSchema,
  contractId: ulidSchema,
  obligationId: obligationIdSchema,
});
export const proofUploadParamsSchema = obligationParamsSchema
  .extend({ uploadId: ulidSchema })
  .strict();

export const proofFileSchema = z.strictObject({
  id: ulidSchema,
  key: z.string(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  status: z.enum(['requested', 'confirmed']),
  requestedAt: isoInstant,
  requestedBy: who,
  confirmedAt: isoInstant.nullable(),
});

/** The hospital side's answer to the vendor's proof (pending within its objection window). */
export const proofAcceptanceSchema = z.strictObject({
  status: z.enum(['pending', 'confirmed', 'objected']),
  submittedAt: isoInstant,
  submittedBy: who,
  objectionUntil: isoDateSchema,
  decidedAt: isoInstant.nullable(),
  decidedBy: who.nullable(),
  reason: z.string().nullable(),
});

/** The IT center confirms the vendor's proof, or objects to it with a reason. */
export const proofAcceptanceDecisionSchema = z.discriminatedUnion('decision', [
  z.strictObject({ version: versionSchema, decision: z.literal('confirm') }),
  z.strictObject({ version: versionSchema, decision: z.literal('object'), reason: text(2000) }),
]);

export const obligationSchema = z.strictObject({
  id: obligationIdSchema,
  hospitalId: hospitalIdSchema,
  contractId: ulidSchema,
  kind: z.enum([...obligationKinds, 'payment']),
  sequence: z.number().int().positive(),
  owner: z.enum(['service-manager', 'support-engineer']),
  proof: z.string(),
  sourceText: z.string(),
  reading: z.string().nullable(),
  milestoneId: z.string().nullable(),
  period: z.strictObject({ startsOn: isoDateSchema, endsOn: isoDateSchema }),
  nominalDueOn: isoDateSchema,
  /** null while the due date's year has no published holidays (calendarGap says which). */
  dueOn: isoDateSchema.nullable(),
  calendarGap: z
    .strictObject({ year: z.number().int(), coverage: z.string(), message: z.string() })
    .nullable(),
  /**
   * open, awaiting (the vendor's proof within the hospital's objection window), done (proof
   * accepted) or overdue (past its due date without accepted proof), as of today in Shanghai.
   */
  state: z.enum(['open', 'awaiting', 'done', 'overdue']),
  doneOn: isoDateSchema.nullable(),
  doneAt: isoInstant.nullable(),
  doneBy: who.nullable(),
  proofs: z.array(proofFileSchema),
  acceptance: proofAcceptanceSchema.nullable(),
  workRecordIds: z.array(ulidSchema),
  remindersSent: z.array(z.string()),
  evaluationRequestedAt: isoInstant.nullable(),
  version: z.number().int().positive(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
  deletedAt: isoInstant.nullable(),
});

/** A proof file to upload: its declared name, type and size are checked before any URL is given. */
export const proofUploadRequestSchema = fileUploadRequestSchema;

export const proofUploadSchema = z.strictObject({
  uploadId: ulidSchema,
  /** PUT the file's bytes here, with the headers below, before expiresAt. */
  url: z.string().url(),
  method: z.literal('PUT'),
  headers: z.record(z.string(), z.string()),
  expiresAt: isoInstant,
});

const restoreTestSchema = z.strictObject({
  result: z.enum(['pass', 'fail']),
  durationMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60),
  notes: z.string().max(4000),
});
const trainingSchema = z.strictObject({
  topic: line(200),
  attendees: z
    .array(z.strictObject({ name: line(100), department: z.string().max(100).nullable() }))
    .min(1)
    .max(500),
});

export const workRecordInputSchema = z
  .strictObject({
    kind: z.enum(['clean-up', 'restore-test', 'training', 'tuning', 'other']),
    /** The obligation it proves (a clean-up's record is its proof); null or absent: standalone. */
    obligationId: obligationIdSchema.nullable().default(null),
    performedOn: isoDateSchema,
    summary: text(4000),
    restoreTest: restoreTestSchema.nullable().default(null),
    training: trainingSchema.nullable().default(null),
  })
  .superRefine((b, ctx) => {
    if (b.kind === 'restore-test' && b.restoreTest === null)
      ctx.addIssue({
        code: 'custom',
        path: ['restoreTest'],
        message: 'a restore test records its result',
      });
    if (b.kind !== 'restore-test' && b.restoreTest !== null)
      ctx.addIssue({
        code: 'custom',
        path: ['restoreTest'],
        message: 'only a restore test has a result',
      });
    if (b.kind === 'training' && b.training === null)
      ctx.addIssue({
        code: 'custom',
        path: ['training'],
        message: 'a training records its attendees',
      });
    if (b.kind !== 'training' && b.training !== null)
      ctx.addIssue({
        code: 'custom',
        path: ['training'],
        message: 'only a training has attendees',
      });
  });

export const workRecordSchema = z.strictObject({
  id: ulidSchema,
  hospitalId: hospitalIdSchema,
  contractId: ulidSchema,
  obligationId: obligationIdSchema.nullable(),
  kind: z.enum(['clean-up', 'restore-test', 'training', 'tuning', 'other']),
  performedOn: isoDateSchema,
  summary: z.string(),
  restoreTest: restoreTestSchema.nullable(),
  training: trainingSchema.nullable(),
  recordedAt: isoInstant,
  recordedBy: who,
  version: z.number().int().positive(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
  deletedAt: isoInstant.nullable(),
});

export const obligationsDueQuerySchema = listQuerySchema
  .extend({ withinDays: z.coerce.number().int().min(0).max(90).optional() })
  .strict();
export const obligationsDueSchema = z.strictObject({
  items: z.array(obligationSchema),
  next: z.string().nullable(),
  /** The last due date included (Shanghai): today + withinDays (default 7). */
  through: isoDateSchema,
});
