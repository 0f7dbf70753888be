import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { sesReceiptEventSchema } from '@weibao/api';
import { makeMailIntake, type IntakeOutcome } from '@weibao/usecases';
import { logger } from '../lib/logger.ts';
import { flushMetrics, functionMetrics } from '../lib/metrics.ts';
import { intakeDirectory, mailIntakeDeps, rawMailKey } from '../lib/mail-deps.ts';

/**
 * The SES receipt rule's Lambda action (asynchronous), after its S3 action stored the message.
 * An event that is not SES's is logged and refused (retrying cannot fix it). Any other failure
 * throws, so Lambda retries and finally dead-letters the event; the raw message stays in S3 and
 * every step of the intake is idempotent, so a retry never doubles a ticket or an acknowledgement.
 */
export const handler = middy(async (event: unknown) => {
  const parsed = sesReceiptEventSchema.safeParse(event);
  if (!parsed.success) {
    logger.error('not an SES receipt event', { issues: parsed.error.issues });
    return { outcomes: [] as IntakeOutcome[], refused: true };
  }
  const intake = makeMailIntake({ ...mailIntakeDeps(), directory: await intakeDirectory() });
  const outcomes: IntakeOutcome[] = [];
  for (const record of parsed.data.Records) {
    const { mail, receipt } = record.ses;
    const result = await intake({
      rawKey: rawMailKey(mail.messageId),
      receivedAt: receipt.timestamp,
      recipients: receipt.recipients,
      verdicts: {
        spam: receipt.spamVerdict.status,
        virus: receipt.virusVerdict.status,
        spf: receipt.spfVerdict.status,
        dkim: receipt.dkimVerdict.status,
        dmarc: receipt.dmarcVerdict.status,
      },
    });
    for (const o of result) {
      logger.info('mail taken in', {
        sesMessageId: mail.messageId,
        ...o,
        ...('hospitalId' in o ? { hospitalId: o.hospitalId } : {}),
      });
      // A repeated delivery of a message already handled is not counted again.
      if (!o.duplicate)
        functionMetrics().mail(
          o.outcome === 'quarantined'
            ? 'quarantined'
            : o.outcome === 'ignored'
              ? 'ignored'
              : 'taken-in',
        );
    }
    outcomes.push(...result);
  }
  return { outcomes, refused: false };
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(flushMetrics());
