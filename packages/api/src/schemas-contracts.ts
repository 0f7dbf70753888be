import * as z from 'zod';
import { contractTermsSchema, hospitalIdSchema, isoDateSchema } from '@weibao/domain';
import { entityMeta, ulidSchema, versionSchema } from './schemas.ts';

// Not in schemas.ts: only the routes that take or answer a contract bundle its terms' schema.
export const contractStatusSchema = z.enum(['active', 'ended']);
export const contractSchema = z.strictObject({
  id: ulidSchema,
  hospitalId: hospitalIdSchema,
  terms: contractTermsSchema,
  ...entityMeta,
});
export type Contract = z.infer<typeof contractSchema>;

/** A new contract: its full terms (start from a template: GET /api/contract-templates). */
export const createContractSchema = z.strictObject({ terms: contractTermsSchema });
/** A change to a contract: the terms as they shall be, and the version they were read at. */
export const updateContractSchema = z.strictObject({
  terms: contractTermsSchema,
  version: versionSchema,
});

export const contractTemplateSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  termMonths: z.number().int(),
  /** The template filled with an example total and start date, ready to edit. */
  example: contractTermsSchema,
});

export const renewContractInputSchema = z.strictObject({ signedOn: isoDateSchema });
export const renewedContractSchema = contractSchema;
