import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { listOf, ticketSchema } from '@weibao/api';
import { mailTo, s3Of, sendRaw, uniqueMessageId } from '../mail/support.ts';
import { useTestStack } from '../support/stack.ts';

const stack = await useTestStack();

const intake = 'whzx@intake.example';
const tickets = async () =>
  listOf(ticketSchema).parse(
    await (
      await stack.fetchAs('admin@vendor.example', '/api/hospitals/whzx/tickets?limit=100')
    ).json(),
  ).items;

function report(from: string, subject: string, messageId = uniqueMessageId()): string {
  return [
    `From: ${from}`,
    `To: ${intake}`,
    `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('临床路径系统无法保存，请处理。').toString('base64'),
    '',
  ].join('\r\n');
}

const smtpCode = (err: unknown) => (err as { responseCode?: number }).responseCode;

/** Raw messages in the mail bucket, as the SES receipt rule's S3 action keeps them. */
async function storedRawMessages(): Promise<number> {
  let count = 0;
  let token: string | undefined;
  do {
    const page = await s3Of(stack).send(
      new ListObjectsV2Command({ Bucket: stack.env.mailBucket, ContinuationToken: token }),
    );
    count += page.KeyCount ?? 0;
    token = page.NextContinuationToken;
  } while (token);
  return count;
}

describe('email delivered at least once makes one effect', () => {
  it('makes one ticket and one acknowledgement when one report is delivered 20 times at once, every delivery answered 250', async () => {
    // Prepare
    const sender = `dup-${Date.now()}@whch.example`;
    const title = `同一报告投递二十次 ${Date.now()}`;
    const raw = report(sender, title);

    // Act
    const answers = await Promise.allSettled(
      Array.from({ length: 20 }, () => sendRaw(stack, raw, { from: sender, to: [intake] })),
    );

    // Assess
    expect(
      answers.map((a) => (a.status === 'fulfilled' ? a.value.response.slice(0, 3) : a.reason)),
    ).toEqual(Array(20).fill('250'));
    expect((await tickets()).filter((t) => t.title === title)).toHaveLength(1);
    expect((await mailTo(stack, sender)).filter((m) => m.subject.includes(title))).toHaveLength(1);
  }, 60_000);

  it('answers 451 while S3 is down; the sender’s retry is taken in and nothing is lost or doubled', async () => {
    // Prepare
    const sender = `retry-${Date.now()}@whch.example`;
    const title = `存储中断时的报告 ${Date.now()}`;
    const raw = report(sender, title);
    const storedBefore = await storedRawMessages();

    // Act: delivered while S3 is down, twice (the sender's server retries on 4xx)
    await stack.s3.pause();
    const refused = await Promise.allSettled([
      sendRaw(stack, raw, { from: sender, to: [intake] }),
      sendRaw(stack, raw, { from: sender, to: [intake] }),
    ]);
    await stack.s3.resume();

    // Assess: 451 (try again later), never 5xx (a bounce would lose the report); nothing taken in
    expect(refused.map((r) => (r.status === 'rejected' ? smtpCode(r.reason) : 250))).toEqual([
      451, 451,
    ]);
    expect((await tickets()).filter((t) => t.title === title)).toHaveLength(0);
    expect(await mailTo(stack, sender)).toHaveLength(0);

    // Act: S3 is back; the retry, and one more duplicate of it
    const retried = await sendRaw(stack, raw, { from: sender, to: [intake] });
    const again = await sendRaw(stack, raw, { from: sender, to: [intake] });

    // Assess: one ticket, one acknowledgement, the raw message kept for each accepted delivery
    expect(retried.response).toMatch(/^250 /);
    expect(again.response).toMatch(/^250 /);
    const mine = (await tickets()).filter((t) => t.title === title);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.description).toBe('临床路径系统无法保存，请处理。');
    expect(await mailTo(stack, sender)).toHaveLength(1);
    expect(await storedRawMessages()).toBe(storedBefore + 2);
  }, 60_000);
});
