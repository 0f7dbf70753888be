import { Document, Packer, Paragraph } from 'docx';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { hmacLinkKey } from '@weibao/adapters';
import { listOf, ticketEventSchema, ticketSchema } from '@weibao/api';
import { vendorReplyAddress } from '@weibao/usecases';
import { useTestStack } from '../support/stack.ts';
import {
  dateHeader,
  mailTo,
  objectBytes,
  sendRaw,
  smtpTo,
  uniqueMessageId,
  until,
} from './support.ts';

const stack = await useTestStack();

const intake = 'whzx@intake.example';
const admin = 'admin@vendor.example';

async function get(path: string) {
  const res = await stack.fetchAs(admin, path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as unknown;
}
const tickets = async () =>
  listOf(ticketSchema).parse(await get('/api/hospitals/whzx/tickets?limit=100')).items;
const events = async (ticketId: string) =>
  ((await get(`/api/hospitals/whzx/tickets/${ticketId}/events`)) as { items: unknown[] }).items.map(
    (e) => ticketEventSchema.parse(e),
  );
const ticketByTitle = async (title: string) => (await tickets()).find((t) => t.title === title);

function message(m: {
  from: string;
  subject: string;
  text: string;
  messageId?: string;
  date?: string;
  extra?: string[];
}): string {
  return [
    `From: ${m.from}`,
    `To: ${intake}`,
    `Subject: =?UTF-8?B?${Buffer.from(m.subject).toString('base64')}?=`,
    ...(m.date ? [`Date: ${m.date}`] : []),
    `Message-ID: ${m.messageId ?? uniqueMessageId()}`,
    'MIME-Version: 1.0',
    ...(m.extra ?? []),
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(m.text).toString('base64'),
    '',
  ].join('\r\n');
}

describe('a fault report by email', () => {
  it('becomes an email ticket reported at its Date header, acknowledged within 5 seconds, and a reply threads onto it', async () => {
    // Prepare
    const reporter = 'it@whch.example';
    const sent = dateHeader(2);
    const reportId = uniqueMessageId();
    const title = `住院医生工作站停机 ${reportId.slice(1, 12)}`;

    // Act
    const started = Date.now();
    await sendRaw(
      stack,
      message({
        from: `刘洋 <${reporter}>`,
        subject: `紧急：${title}`,
        text: '全院医嘱无法提交。',
        messageId: reportId,
        date: sent.header,
      }),
      { from: reporter, to: [intake] },
    );
    const ack = await until(
      async () => (await mailTo(stack, reporter)).find((m) => m.subject.includes(title)),
      5_000,
      'the acknowledgement',
    );
    const ackMs = Date.now() - started;

    // Assess
    console.log(`acknowledgement in the SES inbox ${ackMs} ms after the SMTP send began`);
    expect(ackMs).toBeLessThan(5_000);
    const ticket = await ticketByTitle(`紧急：${title}`);
    expect(ticket).toMatchObject({
      channel: 'email',
      reportedAt: sent.iso,
      severity: 'fatal',
      severityConfirmed: false,
      flags: [],
      reporter: { email: reporter },
    });
    expect(ack.subject).toContain(ticket!.number);
    expect(ack.body.text).toContain(ticket!.number);
    expect(ack.body.text).toContain('北京时间');
    expect(ack.body.text).toContain('响应截止时间');
    expect(ack.body.text).toContain(`/hospitals/whzx/tickets/${ticket!.id}`);
    expect(ack.body.text!.indexOf('您好')).toBeLessThan(
      ack.body.text!.indexOf('Your fault report'),
    );
    const headers = Object.fromEntries(
      (ack.headers ?? []).map((h) => [h.name.toLowerCase(), h.value]),
    );
    expect(headers['in-reply-to']).toBe(reportId);
    expect(headers['references']).toContain(reportId);

    // Act: the reporter answers from a mail client: Re: subject, In-Reply-To the acknowledgement
    const ackMessageId = `<${ack.messageId}@email.amazonses.com>`;
    await sendRaw(
      stack,
      message({
        from: reporter,
        subject: `回复：Re: 住院医生工作站停机`,
        text: '补充：重启后仍然无法提交。\n\n> 原邮件',
        extra: [`In-Reply-To: ${ackMessageId}`, `References: ${reportId} ${ackMessageId}`],
      }),
      { from: reporter, to: [intake] },
    );

    // Assess
    const timeline = await events(ticket!.id);
    const reply = timeline.find((e) => e.type === 'comment');
    expect(reply).toMatchObject({
      visibility: 'public',
      data: { text: '补充：重启后仍然无法提交。' },
    });
    expect(await ticketByTitle('回复：Re: 住院医生工作站停机')).toBeUndefined();
    expect((await mailTo(stack, reporter)).filter((m) => m.subject.includes(title))).toHaveLength(
      1,
    );
  });

  it('takes a vendor engineer’s reply with the ticket number in full-width brackets as the response', async () => {
    // Prepare
    const title = `临床路径无法保存 ${Date.now()}`;
    await sendRaw(
      stack,
      message({ from: 'dept@whch.example', subject: title, text: '保存时报错。' }),
      {
        from: 'dept@whch.example',
        to: [intake],
      },
    );
    const ticket = await until(() => ticketByTitle(title), 5_000, 'the ticket');

    // Act: to the reply address signed for this engineer and ticket (vendor-reply-auth.ts)
    const replyTo = await vendorReplyAddress(
      hmacLinkKey(Buffer.from(stack.env.linkSigningKey, 'base64')),
      {
        intakeLocalPart: 'whzx',
        intakeDomain: 'intake.example',
        ticketId: ticket.id,
        recipient: 'engineer@vendor.example',
      },
    );
    await sendRaw(
      stack,
      message({
        from: 'engineer@vendor.example',
        subject: `答复: 【${ticket.number}】${title}`,
        text: '已收到，正在远程排查。',
      }),
      { from: 'engineer@vendor.example', to: [replyTo] },
    );

    // Assess
    const after = (await tickets()).find((t) => t.id === ticket.id)!;
    expect(after.status).toBe('responded');
    expect(after.respondedAt).not.toBeNull();
    const response = (await events(ticket.id)).find((e) => e.type === 'response');
    expect(response?.actor?.email).toBe('engineer@vendor.example');
  });

  it('opens a ticket flagged for review when the sender is unknown to the hospital', async () => {
    const title = `外来邮件 ${Date.now()}`;
    await sendRaw(
      stack,
      message({ from: 'someone@elsewhere.example', subject: title, text: '系统很慢' }),
      {
        from: 'someone@elsewhere.example',
        to: [intake],
      },
    );
    const ticket = await until(() => ticketByTitle(title), 5_000, 'the ticket');
    expect(ticket.flags).toEqual(['unknown-sender']);
    expect((await events(ticket.id))[0]?.data).toMatchObject({ senderUnknown: true });
  });

  it('makes nothing of an out-of-office reply: no ticket, no acknowledgement', async () => {
    // Prepare
    const sender = 'away@whch.example';
    const before = (await tickets()).length;

    // Act: 250 comes only after the intake handler returned, so nothing is still on its way
    await sendRaw(
      stack,
      message({
        from: sender,
        subject: '自动回复: 我正在休假',
        text: '我将于下周一返回。',
        extra: ['Auto-Submitted: auto-replied'],
      }),
      { from: sender, to: [intake] },
    );

    // Assess
    expect((await tickets()).length).toBe(before);
    expect(await mailTo(stack, sender)).toEqual([]);
  });

  it('opens no ticket for a bounce or list mail, and acknowledges one sender at most 5 times an hour', async () => {
    // Prepare
    const sender = `busy-${Date.now()}@whch.example`;
    const before = (await tickets()).length;

    // Act: a delivery status notification, and a mailing list's post
    await sendRaw(
      stack,
      message({
        from: 'MAILER-DAEMON@mail.whch.example',
        subject: 'Undelivered Mail Returned to Sender',
        text: 'This is the mail system at host mail.whch.example.',
      }),
      { from: '', to: [intake] },
    );
    await sendRaw(
      stack,
      message({
        from: sender,
        subject: '信息中心周报',
        text: '本周工作……',
        extra: ['Precedence: list', 'List-Id: <it-weekly.whch.example>'],
      }),
      { from: sender, to: [intake] },
    );

    // Assess
    expect((await tickets()).length).toBe(before);

    // Act: seven reports in a row from one sender
    for (let i = 1; i <= 7; i += 1)
      await sendRaw(
        stack,
        message({ from: sender, subject: `第${i}个故障 ${sender}`, text: '报错' }),
        {
          from: sender,
          to: [intake],
        },
      );

    // Assess: seven tickets, five acknowledgements
    expect((await tickets()).filter((t) => t.title.endsWith(sender))).toHaveLength(7);
    expect(await mailTo(stack, sender)).toHaveLength(5);
  });

  it('makes one ticket and one acknowledgement of 20 concurrent deliveries of one message', async () => {
    // Prepare
    const sender = 'it@whch.example';
    const title = `重复投递 ${Date.now()}`;
    const raw = message({ from: sender, subject: title, text: '同一封邮件被投递多次。' });

    // Act
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => sendRaw(stack, raw, { from: sender, to: [intake] })),
    );

    // Assess
    expect(results.map((r) => r.status)).toEqual(Array(20).fill('fulfilled'));
    expect((await tickets()).filter((t) => t.title === title)).toHaveLength(1);
    expect((await mailTo(stack, sender)).filter((m) => m.subject.includes(title))).toHaveLength(1);
  }, 60_000);

  it('reads a GB2312 report with a Chinese subject and keeps its Word attachment byte for byte', async () => {
    // Prepare
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('故障截图说明：医嘱提交失败')] }] }),
    );
    const subject = `病历质控模块报错 ${Date.now()}`;
    const body = '您好：\r\n住院病历质控模块打开时报错，详见附件。\r\n信息中心 刘洋';
    const boundary = 'gb2312-boundary';
    const raw = Buffer.concat([
      Buffer.from(
        [
          'From: it@whch.example',
          `To: ${intake}`,
          `Subject: =?GB2312?B?${iconv.encode(subject, 'gb2312').toString('base64')}?=`,
          `Message-ID: ${uniqueMessageId()}`,
          'MIME-Version: 1.0',
          `Content-Type: multipart/mixed; boundary="${boundary}"`,
          '',
          `--${boundary}`,
          'Content-Type: text/plain; charset=gb2312',
          'Content-Transfer-Encoding: 8bit',
          '',
          '',
        ].join('\r\n'),
      ),
      iconv.encode(body, 'gb2312'),
      Buffer.from(
        [
          '',
          `--${boundary}`,
          'Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name="=?GB2312?B?' +
            iconv.encode('故障说明.docx', 'gb2312').toString('base64') +
            '?="',
          'Content-Disposition: attachment; filename="=?GB2312?B?' +
            iconv.encode('故障说明.docx', 'gb2312').toString('base64') +
            '?="',
          'Content-Transfer-Encoding: base64',
          '',
          docx.toString('base64').replace(/.{76}/g, '$&\r\n'),
          `--${boundary}--`,
          '',
        ].join('\r\n'),
      ),
    ]);

    // Act
    await sendRaw(stack, raw, { from: 'it@whch.example', to: [intake] });

    // Assess
    const ticket = await until(() => ticketByTitle(subject), 5_000, 'the ticket');
    expect(ticket.description).toBe(
      '您好：\n住院病历质控模块打开时报错，详见附件。\n信息中心 刘洋',
    );
    const created = (await events(ticket.id))[0]!;
    const attachments = created.data.attachments as {
      filename: string;
      key: string;
      size: number;
      contentType: string;
    }[];
    expect(attachments).toHaveLength(1);
    expect(attachments[0]).toMatchObject({
      filename: '故障说明.docx',
      size: docx.length,
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    expect(attachments[0]!.key.startsWith('hospitals/whzx/mail/')).toBe(true);
    const stored = await objectBytes(stack, stack.env.filesBucket, attachments[0]!.key);
    expect(stored.equals(docx)).toBe(true);
  });

  it('stores an email’s HTML without its script and event handlers', async () => {
    // Prepare
    const subject = `HTML 报告 ${Date.now()}`;

    // Act
    await smtpTo(stack).sendMail({
      from: 'it@whch.example',
      to: intake,
      subject,
      text: '见 HTML',
      html: '<p>医嘱<b>无法</b>提交</p><script>alert(1)</script><img src="x" onerror="alert(2)">',
    });

    // Assess
    const ticket = await until(() => ticketByTitle(subject), 5_000, 'the ticket');
    const data = (await events(ticket.id))[0]!.data as { html: string; htmlKey: string };
    expect(data.html).toContain('<b>无法</b>');
    for (const stored of [
      data.html,
      (await objectBytes(stack, stack.env.filesBucket, data.htmlKey)).toString(),
    ]) {
      expect(stored).not.toMatch(/<script|onerror|alert/i);
    }
  });
});
