import * as z from 'zod';
import { contractParamsSchema } from './schemas.ts';
import { text } from './text-schemas.ts';

/** The quarterly documents of a contract (packages/usecases/src/documents). */
export const documentKindSchema = z.enum([
  'evaluation',
  'inspection',
  'deliverables',
  'deductions',
  'change-requests',
  'analysis',
  'feedback',
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

/** Written or empty: empty prints a blank to fill in. */
const writtenOrEmpty = z.union([z.literal(''), text(10_000)]);

/** The vendor's written part of a quarter's 季度系统分析报告: 分析结论 and 系统优化扩展方案. */
export const quarterAnalysisSchema = z.strictObject({
  quarter: z.number().int(),
  conclusion: z.string(),
  recommendations: z.string(),
  /** 0 while nothing is written (send 0 with the first edit). */
  version: z.number().int().min(0),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export const putQuarterAnalysisSchema = z.strictObject({
  version: z.number().int().min(0),
  conclusion: writtenOrEmpty,
  recommendations: writtenOrEmpty,
});
