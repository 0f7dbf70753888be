import * as z from 'zod';

const verdict = z.strictObject({
  status: z.enum(['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED']),
});
const header = z.strictObject({ name: z.string(), value: z.string() });

/**
 * The event an SES receipt rule's Lambda action delivers (one record per message). It carries
 * the envelope, the headers and SES's verdicts, never the body: the rule's S3 action stored the
 * raw message first, under the mail's messageId. Fields we read are typed strictly; objects SES
 * may grow (commonHeaders, action) are loose, so a new SES field cannot make every mail fail.
 */
export const sesReceiptEventSchema = z.object({
  Records: z
    .array(
      z.object({
        eventSource: z.literal('aws:ses'),
        eventVersion: z.string(),
        ses: z.object({
          mail: z.object({
            timestamp: z.iso.datetime({ offset: true }),
            source: z.string(),
            messageId: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/, 'not an SES message id'),
            destination: z.array(z.string()),
            headersTruncated: z.boolean(),
            headers: z.array(header),
            commonHeaders: z.looseObject({}),
          }),
          receipt: z.object({
            timestamp: z.iso.datetime({ offset: true }),
            processingTimeMillis: z.number().int().nonnegative(),
            recipients: z.array(z.string().min(3).max(320)).min(1).max(100),
            spamVerdict: verdict,
            virusVerdict: verdict,
            spfVerdict: verdict,
            dkimVerdict: verdict,
            dmarcVerdict: verdict,
            dmarcPolicy: z.string().optional(),
            action: z.looseObject({ type: z.literal('Lambda') }),
          }),
        }),
      }),
    )
    .min(1),
});
export type SesReceiptEvent = z.infer<typeof sesReceiptEventSchema>;

/**
 * The event SES would deliver for a message received now, as the local SMTP server builds it:
 * same shape, every verdict PASS (nothing local checks SPF or scans for viruses).
 */
export function sesReceiptEvent(m: {
  messageId: string;
  receivedAt: string;
  from: string;
  recipients: string[];
  headers: { name: string; value: string }[];
  functionArn: string;
}): SesReceiptEvent {
  const pass = { status: 'PASS' as const };
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp: m.receivedAt,
            source: m.from,
            messageId: m.messageId,
            destination: m.recipients,
            headersTruncated: false,
            headers: m.headers,
            commonHeaders: {},
          },
          receipt: {
            timestamp: m.receivedAt,
            processingTimeMillis: 0,
            recipients: m.recipients,
            spamVerdict: pass,
            virusVerdict: pass,
            spfVerdict: pass,
            dkimVerdict: pass,
            dmarcVerdict: pass,
            action: { type: 'Lambda', functionArn: m.functionArn, invocationType: 'Event' },
          },
        },
      },
    ],
  };
}
