import { describe, expect, it } from 'vitest';
import { listOf, ticketSchema } from '@weibao/api';
import { useTestStack } from '../support/stack.ts';
import { sendRaw, uniqueMessageId } from './support.ts';

const limit = 256 * 1024;
const stack = await useTestStack({ maxMessageBytes: limit });

const intake = 'whzx@intake.example';
const titles = async () =>
  listOf(ticketSchema)
    .parse(
      await (
        await stack.fetchAs('admin@vendor.example', '/api/hospitals/whzx/tickets?limit=100')
      ).json(),
    )
    .items.map((t) => t.title);

function report(subject: string, body: string): string {
  return [
    'From: it@whch.example',
    `To: ${intake}`,
    `Subject: ${subject}`,
    `Message-ID: ${uniqueMessageId()}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    body,
    '',
  ].join('\r\n');
}

describe('the SMTP answers of the local intake', () => {
  it('answers 552 to a message over the size limit and keeps nothing of it', async () => {
    const subject = `Too large ${Date.now()}`;
    const error = await sendRaw(
      stack,
      report(
        subject,
        'x'
          .repeat(76)
          .concat('\r\n')
          .repeat(limit / 70),
      ),
      {
        from: 'it@whch.example',
        to: [intake],
      },
    ).then(
      () => null,
      (err: { responseCode?: number }) => err,
    );
    expect(error?.responseCode).toBe(552);
    expect(await titles()).not.toContain(subject);
  });

  it('answers 451 while S3 is down, so the sender retries, and the retry after it is back makes the ticket', async () => {
    // Prepare
    const subject = `Stored later ${Date.now()}`;
    const raw = report(subject, 'The order screen freezes.');
    await stack.s3.pause();

    // Act
    const error = await sendRaw(stack, raw, { from: 'it@whch.example', to: [intake] }).then(
      () => null,
      (err: { responseCode?: number }) => err,
    );
    await stack.s3.resume();

    // Assess
    expect(error?.responseCode).toBe(451);
    expect(await titles()).not.toContain(subject);

    // Act: the sender's server tries again
    const info = await sendRaw(stack, raw, { from: 'it@whch.example', to: [intake] });

    // Assess
    expect(info.response).toMatch(/^250 /);
    expect((await titles()).filter((t) => t === subject)).toHaveLength(1);
  });

  it('refuses mail for another domain at RCPT TO', async () => {
    const error = await sendRaw(stack, report('elsewhere', 'x'), {
      from: 'it@whch.example',
      to: ['someone@gmail.example'],
    }).then(
      () => null,
      (err: { responseCode?: number }) => err,
    );
    expect(error?.responseCode).toBe(550);
  });
});
