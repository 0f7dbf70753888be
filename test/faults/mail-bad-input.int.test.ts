import { Readable } from 'node:stream';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { listOf, ticketEventSchema, ticketSchema } from '@weibao/api';
import { mailTo, objectBytes, sendRaw, smtpTo, uniqueMessageId } from '../mail/support.ts';
import { useTestStack } from '../support/stack.ts';

// The configured limit (SES's 40 MB, the local stack's default), not a test-sized one.
const configuredLimit = 40 * 1024 * 1024;
const stack = await useTestStack();

const intake = 'whzx@intake.example';
const sender = 'it@whch.example';
const admin = 'admin@vendor.example';

async function get(path: string): Promise<unknown> {
  const res = await stack.fetchAs(admin, path);
  expect(res.status, path).toBe(200);
  return res.json();
}
const ticketTitled = async (title: string) => {
  const all = listOf(ticketSchema).parse(await get('/api/hospitals/whzx/tickets?limit=100')).items;
  const mine = all.filter((t) => t.title === title);
  expect(mine, title).toHaveLength(1);
  return mine[0]!;
};
const createdEvent = async (ticketId: string) =>
  ticketEventSchema.parse(
    ((await get(`/api/hospitals/whzx/tickets/${ticketId}/events`)) as { items: unknown[] })
      .items[0],
  );
type StoredAttachment = { filename: string; contentType: string; size: number; key: string };

/** Delivers through real SMTP; 250 means the intake handler ran to its end and answered. */
async function deliver(raw: string | Buffer, from = sender): Promise<string> {
  const info = await sendRaw(stack, raw, { from, to: [intake] });
  expect(info.response).toMatch(/^250 /);
  return info.response;
}

const head = (subject: string, extra: string[] = []) => [
  `From: ${sender}`,
  `To: ${intake}`,
  `Subject: ${subject}`,
  `Message-ID: ${uniqueMessageId()}`,
  'MIME-Version: 1.0',
  ...extra,
];

describe('bad mail is taken in, quarantined or refused with a reason, never crashing the intake', () => {
  it('opens a ticket from a truncated MIME message with what arrived of it', async () => {
    // Prepare: the multipart ends mid-attachment, without its closing boundary
    const title = `截断的邮件 ${Date.now()}`;
    const raw = [
      ...head(title, ['Content-Type: multipart/mixed; boundary="cut"']),
      '',
      '--cut',
      'Content-Type: text/plain; charset=utf-8',
      '',
      '医嘱提交失败，截图见附件。',
      '--cut',
      'Content-Type: application/pdf; name="screen.pdf"',
      'Content-Disposition: attachment; filename="screen.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0xLjQKJcfs',
    ].join('\r\n');

    // Act
    await deliver(raw);

    // Assess
    const ticket = await ticketTitled(title);
    expect(ticket.description).toBe('医嘱提交失败，截图见附件。');
    const attachments = (await createdEvent(ticket.id)).data.attachments as StoredAttachment[];
    expect(attachments.map((a) => a.filename)).toEqual(['screen.pdf']);
  });

  it('reads a report declared GB2312 but written in UTF-8, subject and body', async () => {
    // Prepare: the label says GB2312, the bytes are UTF-8 (a misconfigured client)
    const subject = `医嘱系统无法登录 ${Date.now()}`;
    const raw = Buffer.concat([
      Buffer.from(
        [
          ...head(`=?GB2312?B?${Buffer.from(subject).toString('base64')}?=`, [
            'Content-Type: text/plain; charset=GB2312',
            'Content-Transfer-Encoding: 8bit',
          ]),
          '',
          '',
        ].join('\r\n'),
      ),
      Buffer.from('南京路院区住院部医生无法登录医嘱系统。\r\n'),
    ]);

    // Act
    await deliver(raw);

    // Assess
    const ticket = await ticketTitled(subject);
    expect(ticket.description).toBe('南京路院区住院部医生无法登录医嘱系统。');
  });

  it('reads a report in an unknown charset (x-unknown) as UTF-8 rather than refusing it', async () => {
    const subject = `未知字符集 ${Date.now()}`;
    const raw = Buffer.concat([
      Buffer.from(
        [
          ...head(`=?x-unknown?B?${Buffer.from(subject).toString('base64')}?=`, [
            'Content-Type: text/plain; charset=x-unknown',
            'Content-Transfer-Encoding: 8bit',
          ]),
          '',
          '',
        ].join('\r\n'),
      ),
      Buffer.from('临床数据检索系统查询超时。\r\n'),
    ]);

    await deliver(raw);

    expect((await ticketTitled(subject)).description).toBe('临床数据检索系统查询超时。');
  });

  it('refuses a 50 MB message with 552 at the SMTP layer under the 40 MB limit, keeping nothing', async () => {
    // Prepare: streamed, never held in memory whole
    const title = `五十兆的邮件 ${Date.now()}`;
    const total = 50 * 1024 * 1024;
    const line = `${'A'.repeat(76)}\r\n`;
    const block = Buffer.from(line.repeat(Math.floor((64 * 1024) / line.length)));
    let sent = 0;
    const stream = Readable.from(
      (function* () {
        yield Buffer.from(
          [
            ...head(title, [
              'Content-Type: application/octet-stream',
              'Content-Transfer-Encoding: base64',
            ]),
            '',
            '',
          ].join('\r\n'),
        );
        while (sent < total) {
          sent += block.length;
          yield block;
        }
      })(),
    );

    // Act
    const error = await smtpTo(stack)
      .sendMail({ envelope: { from: sender, to: [intake] }, raw: stream })
      .then(
        () => null,
        (err: { responseCode?: number; response?: string }) => err,
      );

    // Assess
    expect(sent).toBeGreaterThan(configuredLimit);
    expect(error?.responseCode).toBe(552);
    expect(error?.response).toMatch(/exceeds the fixed maximum size of 41943040 bytes/);
    const all = listOf(ticketSchema).parse(await get('/api/hospitals/whzx/tickets?limit=100'));
    expect(all.items.map((t) => t.title)).not.toContain(title);
  }, 60_000);

  it('opens a ticket from a forward with nested message/rfc822 parts, the forwarded mail kept as an attachment', async () => {
    const title = `病区报错 ${Date.now()}`;
    const raw = [
      ...head(`=?UTF-8?B?${Buffer.from(`转发：${title}`).toString('base64')}?=`, [
        'Content-Type: multipart/mixed; boundary="outer"',
      ]),
      '',
      '--outer',
      'Content-Type: text/plain; charset=utf-8',
      '',
      '科室的原邮件见附件。',
      '--outer',
      'Content-Type: message/rfc822',
      '',
      'From: dept@whch.example',
      'Subject: inner',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="inner"',
      '',
      '--inner',
      'Content-Type: text/plain',
      '',
      'the inner report',
      '--inner',
      'Content-Type: message/rfc822',
      '',
      'From: nurse@whch.example',
      'Subject: innermost',
      '',
      'the innermost report',
      '--inner--',
      '--outer--',
      '',
    ].join('\r\n');

    await deliver(raw);

    const ticket = await ticketTitled(title);
    expect(ticket.description).toBe('科室的原邮件见附件。');
    const attachments = (await createdEvent(ticket.id)).data.attachments as StoredAttachment[];
    expect(attachments.map((a) => a.contentType)).toEqual(['message/rfc822']);
    const forwarded = await objectBytes(stack, stack.env.filesBucket, attachments[0]!.key);
    expect(forwarded.toString()).toContain('the innermost report');
  });

  it('stores a zip bomb as the attachment it is, byte for byte, without expanding it', async () => {
    // Prepare: a ~1 KB zip whose headers declare an entry of almost 4 GiB uncompressed
    const zip = Buffer.from(zipSync({ 'logs.txt': new Uint8Array(1 << 20) }, { level: 9 }));
    const declared = 0xfffffff0;
    zip.writeUInt32LE(declared, 22); // local file header: uncompressed size
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(declared, central + 24); // central directory: uncompressed size
    const title = `日志压缩包 ${Date.now()}`;
    const raw = [
      ...head(`=?UTF-8?B?${Buffer.from(title).toString('base64')}?=`, [
        'Content-Type: multipart/mixed; boundary="z"',
      ]),
      '',
      '--z',
      'Content-Type: text/plain; charset=utf-8',
      '',
      '服务器日志见附件。',
      '--z',
      'Content-Type: application/zip; name="logs.zip"',
      'Content-Disposition: attachment; filename="logs.zip"',
      'Content-Transfer-Encoding: base64',
      '',
      zip.toString('base64').replace(/.{76}/g, '$&\r\n'),
      '--z--',
      '',
    ].join('\r\n');

    // Act
    const heapBefore = process.memoryUsage().rss;
    await deliver(raw);

    // Assess: the stored object is the zip itself, its size the compressed one
    const ticket = await ticketTitled(title);
    const attachments = (await createdEvent(ticket.id)).data.attachments as StoredAttachment[];
    expect(attachments).toHaveLength(1);
    expect(attachments[0]).toMatchObject({
      filename: 'logs.zip',
      contentType: 'application/zip',
      size: zip.length,
    });
    expect(zip.length).toBeLessThan(10_000);
    const stored = await objectBytes(stack, stack.env.filesBucket, attachments[0]!.key);
    expect(stored.equals(zip)).toBe(true);
    // Expanding would have needed gigabytes; the intake runs in this process.
    expect(process.memoryUsage().rss - heapBefore).toBeLessThan(256 * 1024 * 1024);
  });

  it('opens a ticket flagged for review from a message with an empty From:, and sends no acknowledgement', async () => {
    const title = `无发件人 ${Date.now()}`;
    const raw = [
      'From: ',
      `To: ${intake}`,
      `Subject: =?UTF-8?B?${Buffer.from(title).toString('base64')}?=`,
      `Message-ID: ${uniqueMessageId()}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      '会诊闭环改造模块报错。',
      '',
    ].join('\r\n');
    const envelopeSender = `nobody-${Date.now()}@whch.example`;

    await deliver(raw, envelopeSender);

    const ticket = await ticketTitled(title);
    expect(ticket.flags).toContain('unknown-sender');
    expect(ticket.reporter).toMatchObject({ email: null, name: 'unknown' });
    expect(await mailTo(stack, envelopeSender)).toHaveLength(0);
  });
});
