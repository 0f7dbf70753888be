import { randomUUID } from 'node:crypto';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { freePort, receivedEmails, startSesLocal } from '@weibao/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSesMailer, sesMessageIdHeader } from './ses-mailer.ts';

let ses: Awaited<ReturnType<typeof startSesLocal>>;
let client: SESv2Client;

beforeAll(async () => {
  ses = await startSesLocal({ port: await freePort() });
  client = new SESv2Client({
    region: 'us-east-1',
    endpoint: ses.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  client?.destroy();
  await ses?.stop();
});

describe('makeSesMailer', () => {
  it('writes every header on one line: CR, LF and other controls in a subject or header value become spaces', async () => {
    // Prepare: a subject as an inbound RFC 2047 word can decode, and a ticket title could hold
    const mailer = makeSesMailer(client, 'service@vendor.example');
    const tag = randomUUID().slice(0, 8);
    // Act
    await mailer.send({
      to: ['it@whch.example'],
      subject: `回执 ${tag}\r\nBcc: attacker@evil.example\r\nX-Injected: 1\u0000`,
      text: '正文',
      headers: { 'X-Weibao-Ticket': `T-1\r\nX-Injected: 2` },
    });
    // Assess
    const email = (await receivedEmails(ses.endpoint)).find((e) => e.subject.includes(tag));
    expect(email?.subject).toBe(`回执 ${tag} Bcc: attacker@evil.example X-Injected: 1`);
    expect(email?.destination).toMatchObject({ to: ['it@whch.example'], bcc: [] });
    expect(email?.headers).toEqual([{ name: 'X-Weibao-Ticket', value: 'T-1 X-Injected: 2' }]);
    await expect(
      mailer.send({
        to: ['it@whch.example\r\nBcc: attacker@evil.example'],
        subject: 'x',
        text: 'x',
      }),
    ).rejects.toThrow('not a plain e-mail address');
  });

  it('delivers a Chinese subject and text intact, with the HTML part and threading headers', async () => {
    // Prepare
    const mailer = makeSesMailer(client, 'service@vendor.example');
    const subject = `【维保】工单 T-${randomUUID().slice(0, 8)} 响应即将超时（剩余 20%）`;
    const text =
      '武汉市中心医院：\n您报告的故障“门诊医生站无法开立处方”尚未响应。\n\nEnglish below.';

    // Act
    const { messageId } = await mailer.send({
      to: ['it@whch.example'],
      cc: ['manager@vendor.example'],
      subject,
      text,
      html: '<p>武汉市中心医院：故障尚未响应。</p>',
      headers: {
        'In-Reply-To': '<CAF=abc123@mail.whch.example>',
        References: '<CAF=abc123@mail.whch.example>',
        'X-Weibao-Ticket': 'T-1',
      },
    });

    // Assess
    const email = (await receivedEmails(ses.endpoint)).find((e) => e.subject === subject);
    expect(email).toMatchObject({
      messageId,
      from: 'service@vendor.example',
      destination: { to: ['it@whch.example'], cc: ['manager@vendor.example'] },
      subject,
      body: { text, html: '<p>武汉市中心医院：故障尚未响应。</p>' },
    });
    expect(email?.headers).toEqual([
      { name: 'In-Reply-To', value: '<CAF=abc123@mail.whch.example>' },
      { name: 'References', value: '<CAF=abc123@mail.whch.example>' },
      { name: 'X-Weibao-Ticket', value: 'T-1' },
    ]);
  });

  it('sends a reply address as Reply-To, and refuses one that would start a header of its own', async () => {
    // Prepare
    const mailer = makeSesMailer(client, 'service@vendor.example');
    const tag = randomUUID().slice(0, 8);
    // Act
    await mailer.send({
      to: ['manager@vendor.example'],
      subject: `升级 ${tag}`,
      text: '正文',
      replyTo: ['whzx+Ab-_9xYz@intake.example'],
    });
    // Assess
    const email = (await receivedEmails(ses.endpoint)).find((e) => e.subject.includes(tag));
    expect(email?.replyTo).toEqual(['whzx+Ab-_9xYz@intake.example']);
    await expect(
      mailer.send({
        to: ['manager@vendor.example'],
        subject: 'x',
        text: 'x',
        replyTo: ['whzx@intake.example\r\nBcc: attacker@evil.example'],
      }),
    ).rejects.toThrow('not a plain e-mail address');
  });

  it('refuses headers SES writes itself, so no one relies on a Message-ID that SES replaces', async () => {
    const mailer = makeSesMailer(client, 'service@vendor.example');
    const message = { to: ['it@whch.example'], subject: '测试', text: '测试' };
    await expect(
      mailer.send({ ...message, headers: { 'Message-ID': '<ours@vendor.example>' } }),
    ).rejects.toThrow(/set by SES itself/);
    await expect(mailer.send({ ...message, headers: { 'X-主题': 'x' } })).rejects.toThrow(
      /printable ASCII/,
    );
    await expect(mailer.send({ ...message, to: [] })).rejects.toThrow(/recipient/);
  });

  it('knows the Message-ID SES gives a message', () => {
    expect(sesMessageIdHeader('0100018c-abc', 'us-east-1')).toBe(
      '<0100018c-abc@email.amazonses.com>',
    );
    expect(sesMessageIdHeader('0102018c-abc', 'eu-west-1')).toBe(
      '<0102018c-abc@eu-west-1.amazonses.com>',
    );
  });
});
