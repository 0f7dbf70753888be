import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import nodemailer from 'nodemailer';
import { receivedEmails, type ReceivedEmail } from '@weibao/local';
import type { TestStack } from '../support/stack.ts';

/** An SMTP client as a hospital's mail server would be: plain SMTP to the local intake. */
export function smtpTo(stack: TestStack) {
  const url = new URL(stack.urls.smtp);
  return nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port),
    secure: false,
    ignoreTLS: true,
    // One connection per send, like separate deliveries from separate servers.
    pool: false,
  });
}

/** Sends raw RFC 5322 bytes through real SMTP, with the envelope given. */
export async function sendRaw(
  stack: TestStack,
  raw: string | Buffer,
  envelope: { from: string; to: string[] },
) {
  return smtpTo(stack).sendMail({ envelope, raw });
}

export async function until<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  what = 'condition',
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The acknowledgements the SES stand-in holds for one recipient. */
export async function mailTo(stack: TestStack, address: string): Promise<ReceivedEmail[]> {
  return (await receivedEmails(stack.urls.sesv2)).filter((m) => m.destination.to.includes(address));
}

export function s3Of(stack: TestStack) {
  return new S3Client({
    endpoint: stack.urls.s3,
    region: stack.env.region,
    credentials: stack.env.credentials,
    forcePathStyle: true,
  });
}

export async function objectBytes(stack: TestStack, bucket: string, key: string): Promise<Buffer> {
  const out = await s3Of(stack).send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(
    await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
  );
}

/** An RFC 5322 date `minutesAgo` before now, in +0800 as a Chinese mail client writes it. */
export function dateHeader(minutesAgo: number): { header: string; iso: string } {
  const ms = Math.floor((Date.now() - minutesAgo * 60_000) / 1000) * 1000;
  const local = new Date(ms + 8 * 3_600_000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  const pad = (n: number) => String(n).padStart(2, '0');
  const header = `${days[local.getUTCDay()]}, ${local.getUTCDate()} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} +0800`;
  return { header, iso: new Date(ms).toISOString() };
}

let counter = 0;
export function uniqueMessageId(): string {
  counter += 1;
  return `<${Date.now()}.${counter}.${Math.random().toString(36).slice(2)}@mail.whch.example>`;
}
