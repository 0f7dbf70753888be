import * as z from 'zod';
import { contractParamsSchema } from './schemas.ts';

/** The quarterly documents of a contract (packages/usecases/src/documents). */
export const documentKindSchema = z.enum([
  'evaluation',
  'inspection',
  'deliverables',
  'deductions',
  'change-requests',
  'analysis',
]);

export const documentParamsSchema = contractParamsSchema.extend({ kind: documentKindSchema });

export const documentQuerySchema = z.strictObject({
  /** Contract quarter, 1 for the first three months of the term; the use case checks the term. */
  quarter: z.coerce.number().int().min(1).max(40),
});

export const docxMediaType =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A file answer: sent as the raw bytes with its media type, not as JSON (route.produces). */
export const fileSchema = z.strictObject({
  fileName: z.string().regex(/^[\w.-]{1,100}$/),
  contentType: z.string(),
  bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array),
});
