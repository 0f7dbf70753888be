import * as z from 'zod';
import { text } from './text-schemas.ts';
import { hospitalIdSchema } from '@weibao/domain';
import { ulidSchema, versionSchema } from './schemas.ts';

const verdictStatus = z.enum(['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED']);

export const quarantineReasons = [
  'unreadable',
  'no-intake-address',
  'unknown-intake-address',
  'virus',
  'spam',
  'dmarc-fail',
  'no-contract',
] as const;

export const quarantineParamsSchema = z.strictObject({
  quarantineId: z.string().regex(/^[0-9a-f]{64}$/, 'not a quarantined message id'),
});

/** A message kept aside because no hospital could be found for it, or it could not be read. */
export const quarantinedMailSchema = z.strictObject({
  id: z.string(),
  reason: z.enum(quarantineReasons),
  detail: z.string(),
  rawKey: z.string(),
  messageId: z.string().nullable(),
  from: z.string().nullable(),
  subject: z.string().nullable(),
  recipients: z.array(z.string()),
  receivedAt: z.iso.datetime({ offset: true }),
  verdicts: z.strictObject({
    spam: verdictStatus,
    virus: verdictStatus,
    spf: verdictStatus,
    dkim: verdictStatus,
    dmarc: verdictStatus,
  }),
  status: z.enum(['waiting', 'assigned', 'discarded']),
  decision: z
    .strictObject({
      by: z.strictObject({
        sub: z.string(),
        email: z.string().nullable(),
        name: z.string().optional(),
      }),
      at: z.iso.datetime(),
      reason: z.string(),
      hospitalId: hospitalIdSchema.nullable(),
      ticketId: ulidSchema.nullable(),
    })
    .nullable(),
  version: versionSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

/** One quarantined message with what it says: text, sanitised HTML, its attachments' names. */
export const quarantinedMailWithBodySchema = z.strictObject({
  mail: quarantinedMailSchema,
  body: z
    .strictObject({
      text: z.string(),
      /** Sanitised (no script, no event handlers, no remote images). */
      html: z.string().nullable(),
      date: z.string().nullable(),
      attachments: z.array(
        z.strictObject({ filename: z.string(), contentType: z.string(), size: z.number() }),
      ),
    })
    .nullable(),
  /** Why there is no body: the message could not be read. */
  unreadable: z.string().nullable(),
});

export const assignQuarantinedSchema = z.strictObject({
  version: versionSchema,
  hospitalId: hospitalIdSchema,
  reason: text(500).optional(),
});

export const discardQuarantinedSchema = z.strictObject({
  version: versionSchema,
  reason: text(500),
});
