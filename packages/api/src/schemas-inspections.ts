import * as z from 'zod';
import {
  hospitalIdSchema,
  inspectionAreas,
  inspectionResults,
  inspectionSigners,
  inspectionStates,
  severities,
} from '@weibao/domain';
import { line, text } from './text-schemas.ts';
import { ulidSchema } from './schemas.ts';
import { obligationIdSchema } from './schemas-obligations.ts';
import { linkTokenSchema, ticketSchema } from './schemas-tickets.ts';

const isoInstant = z.iso.datetime({ offset: true });
const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');
const who = z.strictObject({
  sub: z.string(),
  email: z.string().nullable(),
  role: z.string(),
  name: z.string().optional(),
});

export const inspectionParamsSchema = z.strictObject({
  hospitalId: hospitalIdSchema,
  contractId: ulidSchema,
  inspectionId: ulidSchema,
});
export const findingParamsSchema = inspectionParamsSchema
  .extend({ findingId: z.string().regex(/^f[1-9]\d{0,3}$/, 'f1, f2, …') })
  .strict();

const checklistItemSchema = z.strictObject({ area: z.enum(inspectionAreas), item: line(200) });
export const inspectionChecklistSchema = z.strictObject({
  items: z.array(checklistItemSchema),
  /** 0 while the contract uses the 巡检单's default (send 0 with the first edit). */
  version: z.number().int().min(0),
  edited: z.boolean(),
});
export const putInspectionChecklistSchema = z.strictObject({
  version: z.number().int().min(0),
  items: z.array(checklistItemSchema).min(1, 'the checklist needs at least one item').max(100),
});

export const startInspectionSchema = z.strictObject({
  obligationId: obligationIdSchema,
  arrivedAt: isoInstant.nullable().optional(),
});

const photoSchema = z.strictObject({ key: z.string().min(1).max(1024), fileName: line(200) });
export const recordInspectionSchema = z.strictObject({
  version: z.number().int().positive(),
  arrivedAt: isoInstant.nullable(),
  leftAt: isoInstant.nullable(),
  place: line(200).nullable(),
  results: z
    .array(
      z.strictObject({
        result: z.enum(inspectionResults).nullable(),
        remark: text(2000).nullable(),
      }),
    )
    .max(100),
  findings: z
    .array(
      z.strictObject({
        id: z
          .string()
          .regex(/^f[1-9]\d{0,3}$/, 'f1, f2, …')
          .optional(),
        text: text(4000),
        severity: z.enum(severities),
        photoKeys: z.array(z.string().min(1).max(1024)).max(20),
      }),
    )
    .max(50),
  photos: z.array(photoSchema).max(50),
});

/** Photos of a visit: JPEG or PNG as a phone takes them, at most 10 MB each. */
export const maxInspectionPhotoBytes = 10 * 1024 * 1024;
export const inspectionPhotoUploadInputSchema = z.strictObject({
  fileName: line(200).refine((name) => !/[/\\]/.test(name), 'a file name without folders'),
  contentType: z.enum(['image/jpeg', 'image/png']),
  sizeBytes: z
    .number()
    .int()
    .min(1, 'the file is empty')
    .max(maxInspectionPhotoBytes, `at most ${maxInspectionPhotoBytes} bytes (10 MB)`),
});
export const inspectionPhotoUploadSchema = z.strictObject({
  /** PUT the photo here with exactly `headers` before expiresAt, then name fileKey in the record. */
  uploadUrl: z.string(),
  headers: z.strictObject({ 'content-type': z.string() }),
  fileKey: z.string(),
  expiresAt: z.string(),
});

export const submitInspectionSchema = z.strictObject({ version: z.number().int().positive() });

const signerName = line(50);
export const signInspectionOnSiteSchema = z.strictObject({
  signer: z.enum(inspectionSigners),
  name: signerName,
  contentSha256: sha256Schema,
});
export const signInspectionByLinkSchema = z.strictObject({
  token: linkTokenSchema,
  name: signerName,
  contentSha256: sha256Schema,
});

export const inspectionSchema = z.strictObject({
  id: z.string(),
  hospitalId: z.string(),
  contractId: z.string(),
  obligationId: z.string(),
  quarter: z.number().int(),
  engineer: who,
  arrivedAt: z.string().nullable(),
  leftAt: z.string().nullable(),
  place: z.string().nullable(),
  items: z.array(
    z.strictObject({
      area: z.enum(inspectionAreas),
      item: z.string(),
      result: z.enum(inspectionResults).nullable(),
      remark: z.string().nullable(),
    }),
  ),
  findings: z.array(
    z.strictObject({
      id: z.string(),
      text: z.string(),
      severity: z.enum(severities),
      photoKeys: z.array(z.string()),
      ticketId: z.string().nullable(),
    }),
  ),
  nextFindingNo: z.number().int(),
  photos: z.array(z.strictObject({ key: z.string(), fileName: z.string() })),
  state: z.enum(inspectionStates),
  contentSha256: z.string().nullable(),
  submittedAt: z.string().nullable(),
  signatures: z.array(
    z.strictObject({
      signer: z.enum(inspectionSigners),
      name: z.string(),
      signedAt: z.string(),
      contentSha256: z.string(),
      via: z.enum(['engineer-phone', 'link']),
      email: z.string().nullable(),
      witness: who.nullable(),
    }),
  ),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const inspectionSigningLinksSchema = z.strictObject({
  links: z.array(
    z.strictObject({
      signer: z.enum(inspectionSigners),
      url: z.string(),
      expiresAt: z.string(),
    }),
  ),
});

export const inspectionLinkDescriptionSchema = z.strictObject({
  signer: z.enum(inspectionSigners),
  hospitalName: z.string(),
  contractName: z.string(),
  inspection: inspectionSchema,
  expiresAt: z.string(),
});

export const findingTicketSchema = z.strictObject({
  ticket: ticketSchema,
  inspection: inspectionSchema,
});
